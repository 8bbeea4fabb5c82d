// SPDX-License-Identifier: MIT
#include "comments.h"
#include "library.h"
#include "people.h"
#include "photorepository.h"
#include "publicationsettings.h"
#include "storyrepository.h"
#include "textsafety.h"

#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;

// What library text may hold (models/textsafety.h), and that every way into
// the library keeps to it.
class TestTextSafety : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void init();
    void forbiddenCharactersAreRemoved_data();
    void forbiddenCharactersAreRemoved();
    void allowedTextIsKept_data();
    void allowedTextIsKept();
    void lineBreaksFollowTheField();
    void loneSurrogatesBecomeReplacementCharacters();
    void changesAreDescribed();
    void terminalTextShowsControlsAsEscapes_data();
    void terminalTextShowsControlsAsEscapes();
    void richTextShowsMarkupAsTyped();
    void storiesAreStoredClean();
    void photosAreStoredClean();
    void peopleSettingsAndCommentsAreStoredClean();

private:
    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<Library> m_library;
};

namespace {

QString fromCodePoint(char32_t c)
{
    return QString::fromUcs4(&c, 1);
}

// Every character no library text may hold, one per class boundary and the
// ones attacks use.
QList<std::pair<const char *, char32_t>> forbiddenCharacters()
{
    return {{"U+0000", 0x0000},   {"SOH", 0x0001},      {"BEL", 0x0007},      {"BS", 0x0008},       {"VT", 0x000B},
            {"FF", 0x000C},       {"ESC", 0x001B},      {"US", 0x001F},       {"DEL", 0x007F},      {"PAD", 0x0080},
            {"NEL", 0x0085},      {"CSI", 0x009B},      {"APC", 0x009F},      {"LRE", 0x202A},      {"RLE", 0x202B},
            {"PDF", 0x202C},      {"LRO", 0x202D},      {"RLO", 0x202E},      {"LRI", 0x2066},      {"RLI", 0x2067},
            {"FSI", 0x2068},      {"PDI", 0x2069},      {"U+FDD0", 0xFDD0},   {"U+FDEF", 0xFDEF},   {"U+FFFE", 0xFFFE},
            {"U+FFFF", 0xFFFF},   {"U+1FFFE", 0x1FFFE}, {"U+10FFFF", 0x10FFFF}};
}

} // namespace

void TestTextSafety::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    m_library = std::make_unique<Library>();
    QVERIFY(m_library->open(m_dir->filePath(u"lib.newsdesk"_s)));
    m_library->setActor(u"Eve Editor"_s);
    QVERIFY(PeopleRepository(m_library.get()).add(Person{.name = u"Eve Editor"_s, .role = PersonRole::Editor}));
}

void TestTextSafety::forbiddenCharactersAreRemoved_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("expected");
    for (const auto &[name, c] : forbiddenCharacters()) {
        const QString character = fromCodePoint(c);
        QTest::addRow("%s at the start", name) << character + u"Hegseth"_s << u"Hegseth"_s;
        QTest::addRow("%s in the middle", name) << u"Heg"_s + character + u"seth"_s << u"Hegseth"_s;
        QTest::addRow("%s at the end", name) << u"Hegseth"_s + character << u"Hegseth"_s;
        QTest::addRow("%s twice", name) << character + u"Heg"_s + character + u"seth"_s << u"Hegseth"_s;
    }
}

void TestTextSafety::forbiddenCharactersAreRemoved()
{
    QFETCH(QString, text);
    QFETCH(QString, expected);
    for (const TextSafety::Lines lines : {TextSafety::Lines::Single, TextSafety::Lines::Multi}) {
        TextSafety::Changes changes;
        QCOMPARE(TextSafety::clean(text, lines, &changes), expected);
        QCOMPARE(changes.removed, int(text.toUcs4().size() - expected.size()));
        QCOMPARE(changes.brokenReplaced, 0);
        QVERIFY(!TextSafety::isClean(text, lines));
        QVERIFY(TextSafety::isClean(expected, lines));
    }
}

void TestTextSafety::allowedTextIsKept_data()
{
    QTest::addColumn<QString>("text");
    QTest::addRow("typography") << u"“We want peace,” he said — at the Pentagon… ‘Yes.’"_s;
    QTest::addRow("tab") << u"Name\tTitle"_s;
    QTest::addRow("Arabic with its letter mark") << u"\u0627\u0644\u0633\u0644\u0627\u0645 \u061c123"_s;
    QTest::addRow("Hebrew with LRM and RLM") << u"\u05e9\u05dc\u05d5\u05dd \u200eABC\u200f"_s;
    QTest::addRow("emoji with joiner and flag tags") << u"👩‍👩‍👧 🏴\U000E0067\U000E0062\U000E0073\U000E0063\U000E0074\U000E007F"_s;
    QTest::addRow("no-break space and soft hyphen") << u"U.S.\u00a0Navy ad\u00admiral"_s;
    QTest::addRow("byte order mark that opens a value") << u"\ufeffHeadline"_s;
    QTest::addRow("Markdown") << u"**bold** [link](https://www.defense.gov/) <not html> & `code`"_s;
    QTest::addRow("replacement character") << u"broken \ufffd byte"_s;
    QTest::addRow("empty") << QString();
}

void TestTextSafety::allowedTextIsKept()
{
    QFETCH(QString, text);
    for (const TextSafety::Lines lines : {TextSafety::Lines::Single, TextSafety::Lines::Multi}) {
        TextSafety::Changes changes;
        QCOMPARE(TextSafety::clean(text, lines, &changes), text);
        QVERIFY(!changes.any());
    }
}

void TestTextSafety::lineBreaksFollowTheField()
{
    const QString text = u"one\r\ntwo\rthree\nfour"_s;
    TextSafety::Changes multi;
    QCOMPARE(TextSafety::clean(text, TextSafety::Lines::Multi, &multi), u"one\ntwo\nthree\nfour"_s);
    QVERIFY2(!multi.any(), "a line ending is not a change worth reporting in multi-line text");
    TextSafety::Changes single;
    QCOMPARE(TextSafety::clean(text, TextSafety::Lines::Single, &single), u"one two three four"_s);
    QCOMPARE(single.lineBreaks, 3);
    QCOMPARE(single.removed, 0);
}

void TestTextSafety::loneSurrogatesBecomeReplacementCharacters()
{
    const QChar high(char16_t(0xD83D));
    const QChar low(char16_t(0xDE00));
    const QString text = QString(high) + u"a"_s + low + u"b"_s + high + low + high;
    TextSafety::Changes changes;
    QCOMPARE(TextSafety::clean(text, TextSafety::Lines::Single, &changes), u"\ufffda\ufffdb😀\ufffd"_s);
    QCOMPARE(changes.brokenReplaced, 3);
    QCOMPARE(changes.removed, 0);
}

void TestTextSafety::changesAreDescribed()
{
    QCOMPARE(TextSafety::Changes{.removed = 1}.description(), u"1 control character removed"_s);
    QCOMPARE((TextSafety::Changes{.removed = 2, .brokenReplaced = 1, .lineBreaks = 3}.description()),
             u"2 control characters removed, 1 broken character replaced by U+FFFD, 3 line breaks replaced by spaces"_s);
    QVERIFY(!TextSafety::Changes().any());
}

void TestTextSafety::terminalTextShowsControlsAsEscapes_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("expected");
    QTest::addRow("clear screen") << u"\x1b[2J\x1b[H0 error(s)"_s << u"\\x1b[2J\\x1b[H0 error(s)"_s;
    QTest::addRow("a line of its own") << u"slug\n0 error(s), 0 warning(s)\r"_s << u"slug\\n0 error(s), 0 warning(s)\\r"_s;
    QTest::addRow("window title, bell") << u"\x1b]0;owned\x07"_s << u"\\x1b]0;owned\\x07"_s;
    QTest::addRow("NUL, tab, DEL") << QString(u"a\0b\tc\x7f"_s) << u"a\\x00b\\tc\\x7f"_s;
    QTest::addRow("8-bit CSI") << u"\x9b" u"2J"_s << u"\\x9b2J"_s;
    QTest::addRow("bidi override") << u"virin \u202egnp.exe"_s << u"virin \\u202egnp.exe"_s;
    QTest::addRow("bidi mark and line separator") << u"a\u200fb\u2028c"_s << u"a\\u200fb\\u2028c"_s;
    QTest::addRow("lone surrogate") << QString(u"x"_s + QChar(char16_t(0xD800))) << u"x\\ud800"_s;
    QTest::addRow("noncharacter beyond the BMP") << u"x\U0001FFFE"_s << u"x\\U0001fffe"_s;
    QTest::addRow("plain text stays") << u"250306-D-PM193-1268K: “Hegseth” 👩‍👧 Ünïcödé"_s
                                      << u"250306-D-PM193-1268K: “Hegseth” 👩‍👧 Ünïcödé"_s;
}

void TestTextSafety::terminalTextShowsControlsAsEscapes()
{
    QFETCH(QString, text);
    QFETCH(QString, expected);
    QCOMPARE(TextSafety::forTerminal(text), expected);
}

void TestTextSafety::richTextShowsMarkupAsTyped()
{
    const QString html = TextSafety::asRichText(u"<img src=/etc/passwd> & \"x\"\nsecond line"_s);
    QVERIFY(html.startsWith(u"<p"_s));
    QVERIFY(!html.contains(u"<img"_s));
    QVERIFY(html.contains(u"&lt;img src=/etc/passwd&gt; &amp; &quot;x&quot;<br>second line"_s));
}

void TestTextSafety::storiesAreStoredClean()
{
    StoryRepository repository(m_library.get());
    Story story;
    story.headline = u"Head\x1b[2Jline\nsecond"_s;
    story.dek = u"Dek\u202eevil"_s;
    story.byline = u"By\0 Jane"_s;
    story.dateline = u"WASHINGTON\x85 —"_s;
    story.body = u"Para\x07graph.\r\n\r\nSecond \u2066para\u2069graph."_s;
    std::optional<Story> created = repository.create(story);
    QVERIFY2(created, qPrintable(repository.errorString()));
    QCOMPARE(created->headline, u"Head[2Jline second"_s);
    const std::optional<Story> loaded = repository.load(created->id);
    QCOMPARE(loaded->headline, u"Head[2Jline second"_s);
    QCOMPARE(loaded->dek, u"Dekevil"_s);
    QCOMPARE(loaded->byline, u"By Jane"_s);
    QCOMPARE(loaded->dateline, u"WASHINGTON —"_s);
    QCOMPARE(loaded->body, u"Paragraph.\n\nSecond paragraph."_s);

    Story edited = *loaded;
    edited.body = u"Edited\x1b text."_s;
    edited.correctionNote = u"Fixed\u202e a name."_s;
    QCOMPARE(repository.save(edited), StoryRepository::SaveResult::Saved);
    QCOMPARE(edited.body, u"Edited text."_s);
    QCOMPARE(repository.load(created->id)->body, u"Edited text."_s);
    QCOMPARE(repository.load(created->id)->correctionNote, u"Fixed a name."_s);
    QCOMPARE(repository.revisions(created->id).first().body, u"Edited text."_s);

    // A correction's comment becomes the note printed on the page.
    Story moved = *repository.load(created->id);
    QCOMPARE(repository.transition(moved, WorkflowAction::Submit), StoryRepository::SaveResult::Saved);
    QCOMPARE(repository.transition(moved, WorkflowAction::Approve), StoryRepository::SaveResult::Saved);
    QCOMPARE(repository.transition(moved, WorkflowAction::Publish), StoryRepository::SaveResult::Saved);
    QCOMPARE(repository.transition(moved, WorkflowAction::Correct, u"The name\0 was wrong."_s),
             StoryRepository::SaveResult::Saved);
    QCOMPARE(repository.load(created->id)->correctionNote, u"The name was wrong."_s);

    QVERIFY(repository.addAcceptedName(created->id, u"Heal\u202eey"_s));
    QCOMPARE(*repository.acceptedNames(created->id), QStringList{u"Healey"_s});
}

void TestTextSafety::photosAreStoredClean()
{
    PhotoRepository repository(m_library.get());
    Photo photo;
    photo.virin = u"250306-D-PM193-1268K\0"_s;
    photo.altText = u"Two men\0\" onload=\"x"_s;
    photo.caption = u"Caption\r\nline two\x1b"_s;
    photo.title = u"Title\nbroken"_s;
    photo.credit = u"\u202eDOD"_s;
    photo.keywords = {u"peace\nwar"_s, u"ok\x85"_s};
    photo.releaseAuthority = u"PAO\x9b"_s;
    std::optional<Photo> added = repository.add(photo, QByteArray("x"), u"image/jpeg"_s, QSize(1, 1), QByteArray());
    QVERIFY2(added, qPrintable(repository.errorString()));
    std::optional<Photo> loaded = repository.load(added->id);
    QCOMPARE(loaded->virin, u"250306-D-PM193-1268K"_s);
    QCOMPARE(loaded->altText, u"Two men\" onload=\"x"_s);
    QCOMPARE(loaded->caption, u"Caption\nline two"_s);
    QCOMPARE(loaded->title, u"Title broken"_s);
    QCOMPARE(loaded->credit, u"DOD"_s);
    // A line break would have split the keyword in two when it is read back.
    QCOMPARE(loaded->keywords, (QStringList{u"peace war"_s, u"ok"_s}));
    QCOMPARE(loaded->releaseAuthority, u"PAO"_s);

    loaded->altText = u"New\u2067 alt"_s;
    QCOMPARE(repository.save(*loaded), PhotoRepository::SaveResult::Saved);
    QCOMPARE(loaded->altText, u"New alt"_s);
    QCOMPARE(repository.load(added->id)->altText, u"New alt"_s);
}

void TestTextSafety::peopleSettingsAndCommentsAreStoredClean()
{
    PeopleRepository people(m_library.get());
    QVERIFY(people.add(Person{.name = u"Ann\x1b Writer"_s, .title = u"PA\u202e Specialist"_s}));
    const std::optional<Person> ann = people.findByName(u"Ann Writer"_s);
    QVERIFY(ann);
    QCOMPARE(ann->title, u"PA Specialist"_s);

    PublicationSettingsRepository settings(m_library.get());
    QVERIFY2(settings.save({u"U.S. Department\0 of Defense"_s, u"https://www.defense.gov/News/{slug}/\u202e"_s}),
             qPrintable(settings.errorString()));
    QCOMPARE(settings.load().publisher, u"U.S. Department of Defense"_s);
    QCOMPARE(settings.load().articleUrlTemplate, u"https://www.defense.gov/News/{slug}/"_s);

    StoryRepository stories(m_library.get());
    const std::optional<Story> story = stories.create(Story{.headline = u"Story"_s});
    CommentRepository comments(m_library.get());
    QVERIFY(comments.add(u"story"_s, story->id, u"Check\x1b[2J this"_s));
    QCOMPARE(comments.comments(u"story"_s, story->id).constFirst().body, u"Check[2J this"_s);
    const QList<AuditEntry> log = m_library->auditTrail(u"story"_s, story->id);
    QVERIFY(!log.isEmpty());
    QCOMPARE(log.constLast().detail, u"Check[2J this"_s);
}

QTEST_GUILESS_MAIN(TestTextSafety)
#include "tst_textsafety.moc"
