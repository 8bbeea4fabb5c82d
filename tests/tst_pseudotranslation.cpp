// SPDX-License-Identifier: MIT
// The pseudo-translation the build makes from lupdate's output: every letter
// accented and the text a third longer, with what code and Qt read in a text
// (placeholders, accelerators, HTML, {names}) left as it was; and the .ts
// file it writes, which lrelease must accept with every message finished.
#include "pseudotranslation.h"

#include <QFile>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;

class TestPseudoTranslation : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void translate_data();
    void translate();
    void everyLetterIsAccentedAndTheTextLonger_data();
    void everyLetterIsAccentedAndTheTextLonger();
    void placeholdersStillWork();
    void tsFileHasEveryMessageTranslated();
    void brokenTsFileIsAnError();
};

void TestPseudoTranslation::translate_data()
{
    QTest::addColumn<QString>("source");
    QTest::addColumn<QString>("expected");
    QTest::newRow("a word") << u"Save"_s << u"[Šåṽé~~]"_s;
    QTest::newRow("accelerator keeps its letter") << u"&File"_s << u"[&Fîļé~~]"_s;
    QTest::newRow("literal ampersand") << u"Q&&A"_s << u"[Ǫ&&Å~]"_s;
    QTest::newRow("placeholders") << u"%1 of %n"_s << u"[%1 öƒ %n~~]"_s;
    QTest::newRow("localized placeholder") << u"%L1 words"_s << u"[%L1 ŵöŕđš~~]"_s;
    QTest::newRow("HTML tag and entity") << u"<b>Tom &amp; Jerry</b>"_s << u"[<b>Ţöḿ &amp; Ĵéŕŕý</b>~~~~]"_s;
    QTest::newRow("attribute untouched") << u"<span style=\"color:red\">No</span>"_s
                                         << u"[<span style=\"color:red\">Ñö</span>~]"_s;
    QTest::newRow("names code replaces") << u"Article/{slug}/"_s << u"[Åŕţîçļé/{slug}/~~~]"_s;
    QTest::newRow("ends with a line break") << u"Done\n"_s << u"[Đöñé~~]\n"_s;
    QTest::newRow("only spaces stay") << u"  "_s << u"  "_s;
    QTest::newRow("empty stays empty") << QString() << QString();
}

void TestPseudoTranslation::translate()
{
    QFETCH(QString, source);
    QFETCH(QString, expected);
    QCOMPARE(PseudoTranslation::translate(source), expected);
}

void TestPseudoTranslation::everyLetterIsAccentedAndTheTextLonger_data()
{
    QTest::addColumn<QString>("source");
    QTest::newRow("alphabet") << u"The quick brown fox jumps over the lazy dog THE QUICK BROWN FOX JUMPS OVER THE LAZY DOG"_s;
    QTest::newRow("sentence with placeholders") << u"Cannot export \"%1\": %2 photo(s) have no approved caption."_s;
    QTest::newRow("one letter") << u"x"_s;
}

void TestPseudoTranslation::everyLetterIsAccentedAndTheTextLonger()
{
    QFETCH(QString, source);
    const QString pseudo = PseudoTranslation::translate(source);
    // No plain ASCII letter is left but in placeholders (%n, %L1).
    QString letters = pseudo;
    letters.remove(QRegularExpression(u"%L?(\\d+|n)"_s));
    QVERIFY2(!letters.contains(QRegularExpression(u"[A-Za-z]"_s)), qPrintable(pseudo));
    QVERIFY2(pseudo.size() >= source.size() * 13 / 10, qPrintable(pseudo));
}

// A translation that loses or renumbers a placeholder breaks arg().
void TestPseudoTranslation::placeholdersStillWork()
{
    const QString pseudo = PseudoTranslation::translate(u"Moved %1 to %2 (%n photo(s))"_s);
    QCOMPARE(pseudo.count(u"%1"_s), 1);
    QCOMPARE(pseudo.count(u"%2"_s), 1);
    QCOMPARE(pseudo.count(u"%n"_s), 1);
    QVERIFY(pseudo.arg(u"a"_s, u"b"_s).contains(u"a"_s));
}

void TestPseudoTranslation::tsFileHasEveryMessageTranslated()
{
    QTemporaryDir dir;
    const QString in = dir.filePath(u"in.ts"_s);
    const QString out = dir.filePath(u"out.ts"_s);
    QFile file(in);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(R"(<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="en">
<context>
    <name>MainWindow</name>
    <message>
        <source>&amp;File</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Added %n photo(s).</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
</context>
</TS>
)");
    file.close();
    QCOMPARE(PseudoTranslation::translateTsFile(in, out, u"en_XA"_s), QString());
    QFile result(out);
    QVERIFY(result.open(QIODevice::ReadOnly));
    const QString ts = QString::fromUtf8(result.readAll());
    QVERIFY2(ts.contains(u"language=\"en_XA\""_s), qPrintable(ts));
    QVERIFY2(!ts.contains(u"unfinished"_s), qPrintable(ts));
    QVERIFY2(ts.contains(u"<source>&amp;File</source>"_s), qPrintable(ts));
    QVERIFY2(ts.contains(u"<translation>[&amp;Fîļé~~]</translation>"_s), qPrintable(ts));
    QCOMPARE(ts.count(u"<numerusform>[Åđđéđ %n ƥĥöţö(š).~~~~~]</numerusform>"_s), 2);
}

void TestPseudoTranslation::brokenTsFileIsAnError()
{
    QTemporaryDir dir;
    const QString in = dir.filePath(u"in.ts"_s);
    QFile file(in);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write("<TS><context><name>x</name>");
    file.close();
    QVERIFY(!PseudoTranslation::translateTsFile(in, dir.filePath(u"out.ts"_s), u"en_XA"_s).isEmpty());
    QVERIFY(!QFile::exists(dir.filePath(u"out.ts"_s)));
    QVERIFY(!PseudoTranslation::translateTsFile(dir.filePath(u"missing.ts"_s), dir.filePath(u"out.ts"_s), u"en_XA"_s).isEmpty());
}

QTEST_GUILESS_MAIN(TestPseudoTranslation)
#include "tst_pseudotranslation.moc"
