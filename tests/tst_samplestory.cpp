// SPDX-License-Identifier: MIT
#include "library.h"
#include "librarysetup.h"
#include "photorepository.h"
#include "samplestory.h"
#include "storyrepository.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QFile>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;

class TestSampleStory : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void newLibraryStartsWithTheSampleStory();
    void photosFollowTheirParagraphs();
    void existingLibraryIsNotSeededAgain();

private:
    QJsonObject m_json;
};

void TestSampleStory::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QFile file(SampleStory::resourceDirectory() + u"/story.json"_s);
    QVERIFY(file.open(QIODevice::ReadOnly));
    m_json = QJsonDocument::fromJson(file.readAll()).object();
    QVERIFY(!m_json.isEmpty());
}

void TestSampleStory::newLibraryStartsWithTheSampleStory()
{
    QTemporaryDir dir;
    Library library;
    QString error;
    QVERIFY(LibrarySetup::openWithSample(&library, dir.filePath(u"new.newsdesk"_s), &error));
    QVERIFY2(error.isEmpty(), qPrintable(error));
    StoryRepository stories(&library);
    QCOMPARE(stories.count(), 1);
    const Story story = *stories.load(1);
    QCOMPARE(story.headline, m_json.value(u"headline"_s).toString());
    QVERIFY(story.body.contains(u"\"U.K. leadership is absolutely critical, and we very much appreciate it,\" he added."_s));

    const QList<Photo> photos = PhotoRepository(&library).photosOfStory(story.id);
    QCOMPARE(photos.size(), 3);
    QCOMPARE(photos.at(0).virin, u"250306-D-PM193-1268K"_s);
    QCOMPARE(photos.at(0).credit, u"Navy Petty Officer 1st Class Alexander Kubitza, DOD"_s);
    QCOMPARE(photos.at(0).photographer, u"Navy Petty Officer 1st Class Alexander Kubitza"_s);
    QCOMPARE(photos.at(0).dateShot, QDate(2025, 3, 6));
    QCOMPARE(photos.at(2).altText.left(34), u"Two men in business suits are stan"_s);
    // Keywords come from the image files' own metadata (story.json has none).
    QCOMPARE(photos.at(2).keywords, (QStringList{u"Hegseth"_s, u"Healey"_s, u"United Kingdom"_s}));
    // Thumbnails were made and the original image kept whole.
    QVERIFY(!PhotoRepository(&library).thumbnail(photos.at(0).id).isEmpty());
    const auto image = PhotoRepository(&library).image(photos.at(0).imageHash);
    QVERIFY(image);
    QCOMPARE(image->size, QSize(1600, 1067));
    QFile original(SampleStory::resourceDirectory() + u"/250306-D-PM193-1268K.jpg"_s);
    QVERIFY(original.open(QIODevice::ReadOnly));
    QCOMPARE(image->data, original.readAll());
}

void TestSampleStory::photosFollowTheirParagraphs()
{
    QTemporaryDir dir;
    Library library;
    QVERIFY(LibrarySetup::openWithSample(&library, dir.filePath(u"new.newsdesk"_s), nullptr));
    const Story story = *StoryRepository(&library).load(1);
    const QStringList blocks = story.body.trimmed().split(u"\n\n"_s);
    const QJsonArray paragraphs = m_json.value(u"paragraphs"_s).toArray();
    QCOMPARE(blocks.size(), paragraphs.size() + 3);
    const QJsonArray photos = m_json.value(u"photos"_s).toArray();
    int placed = 0;
    for (const QJsonValue &photo : photos) {
        const int after = photo.toObject().value(u"after_paragraph"_s).toInt();
        // Block index: the paragraph's own index plus the photos placed before it.
        QCOMPARE(blocks.at(after + placed), u"![](photo:%1)"_s.arg(photo.toObject().value(u"virin"_s).toString()));
        QCOMPARE(blocks.at(after + placed - 1), paragraphs.at(after - 1).toString());
        ++placed;
    }
}

void TestSampleStory::existingLibraryIsNotSeededAgain()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(u"lib.newsdesk"_s);
    {
        Library library;
        QVERIFY(LibrarySetup::openWithSample(&library, path, nullptr));
    }
    Library library;
    QVERIFY(LibrarySetup::openWithSample(&library, path, nullptr));
    QCOMPARE(StoryRepository(&library).count(), 1);
}

QTEST_MAIN(TestSampleStory)
#include "tst_samplestory.moc"
