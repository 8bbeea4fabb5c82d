// SPDX-License-Identifier: MIT
#include "revisiondiff.h"

#include <QTest>

using namespace Qt::StringLiterals;

class TestRevisionDiff : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void segmentsRebuildBothTexts_data();
    void segmentsRebuildBothTexts();
    void changedWordIsOneChange();
    void htmlMarksInsertionsAndDeletions();
};

static QString rebuild(const QList<DiffSegment> &segments, DiffSegment::Kind skip)
{
    QString text;
    for (const DiffSegment &segment : segments) {
        if (segment.kind != skip)
            text += segment.text;
    }
    return text;
}

void TestRevisionDiff::segmentsRebuildBothTexts_data()
{
    QTest::addColumn<QString>("before");
    QTest::addColumn<QString>("after");
    QTest::newRow("wire edit") << u"\"U.K. leadership is absolutely critical, and we very much appreciate it,\" he added."_s
                               << u"\"U.K. leadership is critical, and we appreciate it very much,\" Hegseth added."_s;
    QTest::newRow("paragraph inserted") << u"First.\n\nThird."_s << u"First.\n\nSecond.\n\nThird."_s;
    QTest::newRow("everything deleted") << u"Some text"_s << QString();
    QTest::newRow("from nothing") << QString() << u"New text"_s;
    QTest::newRow("emoji and accents") << u"Café 🇺🇸 talks"_s << u"Cafe 🇬🇧 talks"_s;
}

void TestRevisionDiff::segmentsRebuildBothTexts()
{
    QFETCH(QString, before);
    QFETCH(QString, after);
    const QList<DiffSegment> segments = RevisionDiff::compareWords(before, after);
    QCOMPARE(rebuild(segments, DiffSegment::Kind::Inserted), before);
    QCOMPARE(rebuild(segments, DiffSegment::Kind::Deleted), after);
}

void TestRevisionDiff::changedWordIsOneChange()
{
    const QList<DiffSegment> segments = RevisionDiff::compareWords(u"Hegseth told Healey."_s, u"Hegseth told Starmer."_s);
    const QList<DiffSegment> expected{{DiffSegment::Kind::Same, u"Hegseth told "_s},
                                      {DiffSegment::Kind::Deleted, u"Healey"_s},
                                      {DiffSegment::Kind::Inserted, u"Starmer"_s},
                                      {DiffSegment::Kind::Same, u"."_s}};
    QCOMPARE(segments, expected);
    const RevisionDiff::Counts counts = RevisionDiff::countWords(segments);
    QCOMPARE(counts.inserted, 1);
    QCOMPARE(counts.deleted, 1);
}

void TestRevisionDiff::htmlMarksInsertionsAndDeletions()
{
    const QString html = RevisionDiff::toHtml(RevisionDiff::compareWords(u"a <b> c"_s, u"a <b> d"_s));
    QCOMPARE(html, u"a &lt;b&gt; <del>c</del><ins>d</ins>"_s);
}

QTEST_GUILESS_MAIN(TestRevisionDiff)
#include "tst_revisiondiff.moc"
