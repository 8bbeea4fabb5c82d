// SPDX-License-Identifier: MIT
#include "sqldialect.h"

#include "textsafety.h"

#include <QRegularExpression>
#include <QSet>
#include <QSqlDriver>
#include <QSqlError>

#include <algorithm>

using namespace Qt::StringLiterals;

const SqlDialect &SqlDialect::sqlite()
{
    static const SqliteDialect dialect;
    return dialect;
}

const SqlDialect &SqlDialect::of(const QSqlDatabase &database)
{
    return of(database.driver());
}

const SqlDialect &SqlDialect::of(const QSqlDriver *driver)
{
    return driver && driver->dbmsType() == QSqlDriver::PostgreSQL ? postgres() : sqlite();
}

namespace {

QStringList searchWords(const QString &text)
{
    static const QRegularExpression separators(u"[^\\p{L}\\p{N}_'’-]+"_s);
    // Cleaned first: a pattern splits no text that is not UTF-16 (a lone
    // surrogate), and the whole of it, NUL and all, became one word that
    // ended the query's string early on both engines.
    return TextSafety::clean(text, TextSafety::Lines::Single).split(separators, Qt::SkipEmptyParts);
}

} // namespace

const QStringList &SqlDialect::stopwords()
{
    // /usr/share/postgresql/17/tsearch_data/english.stop, in its order.
    static const QStringList words{
        u"i"_s,       u"me"_s,      u"my"_s,         u"myself"_s,  u"we"_s,     u"our"_s,     u"ours"_s,    u"ourselves"_s,
        u"you"_s,     u"your"_s,    u"yours"_s,      u"yourself"_s, u"yourselves"_s, u"he"_s, u"him"_s,     u"his"_s,
        u"himself"_s, u"she"_s,     u"her"_s,        u"hers"_s,    u"herself"_s, u"it"_s,     u"its"_s,     u"itself"_s,
        u"they"_s,    u"them"_s,    u"their"_s,      u"theirs"_s,  u"themselves"_s, u"what"_s, u"which"_s,  u"who"_s,
        u"whom"_s,    u"this"_s,    u"that"_s,       u"these"_s,   u"those"_s,  u"am"_s,      u"is"_s,      u"are"_s,
        u"was"_s,     u"were"_s,    u"be"_s,         u"been"_s,    u"being"_s,  u"have"_s,    u"has"_s,     u"had"_s,
        u"having"_s,  u"do"_s,      u"does"_s,       u"did"_s,     u"doing"_s,  u"a"_s,       u"an"_s,      u"the"_s,
        u"and"_s,     u"but"_s,     u"if"_s,         u"or"_s,      u"because"_s, u"as"_s,     u"until"_s,   u"while"_s,
        u"of"_s,      u"at"_s,      u"by"_s,         u"for"_s,     u"with"_s,   u"about"_s,   u"against"_s, u"between"_s,
        u"into"_s,    u"through"_s, u"during"_s,     u"before"_s,  u"after"_s,  u"above"_s,   u"below"_s,   u"to"_s,
        u"from"_s,    u"up"_s,      u"down"_s,       u"in"_s,      u"out"_s,    u"on"_s,      u"off"_s,     u"over"_s,
        u"under"_s,   u"again"_s,   u"further"_s,    u"then"_s,    u"once"_s,   u"here"_s,    u"there"_s,   u"when"_s,
        u"where"_s,   u"why"_s,     u"how"_s,        u"all"_s,     u"any"_s,    u"both"_s,    u"each"_s,    u"few"_s,
        u"more"_s,    u"most"_s,    u"other"_s,      u"some"_s,    u"such"_s,   u"no"_s,      u"nor"_s,     u"not"_s,
        u"only"_s,    u"own"_s,     u"same"_s,       u"so"_s,      u"than"_s,   u"too"_s,     u"very"_s,    u"s"_s,
        u"t"_s,       u"can"_s,     u"will"_s,       u"just"_s,    u"don"_s,    u"should"_s,  u"now"_s,
    };
    return words;
}

bool SqlDialect::isStopword(QStringView word)
{
    static const QSet<QString> set(stopwords().cbegin(), stopwords().cend());
    static const QRegularExpression joiners(u"['’-]+"_s);
    const QStringList parts = word.toString().toLower().split(joiners, Qt::SkipEmptyParts);
    return !parts.isEmpty() && std::all_of(parts.cbegin(), parts.cend(), [](const QString &part) { return set.contains(part); });
}

bool SqlDialect::isTooCommonToSearch(const QString &text)
{
    const QStringList words = searchWords(text);
    return !words.isEmpty() && std::all_of(words.cbegin(), words.cend(), [](const QString &word) { return isStopword(word); });
}

QString SqlDialect::searchQuery(const QString &text, QString (*quote)(const QString &word), QStringView prefixMark,
                                QStringView separator)
{
    const QStringList words = searchWords(text);
    QStringList terms;
    for (qsizetype i = 0; i < words.size(); ++i) {
        if (isStopword(words.at(i)))
            continue;
        terms << quote(words.at(i));
        // Only the word being typed is a prefix: when it is too common and
        // left out, the word before it was finished.
        if (i == words.size() - 1 && words.at(i).size() >= 2)
            terms.last() += prefixMark;
    }
    return terms.join(separator);
}

QString SqlDialect::idParameter(int i)
{
    return u":id%1"_s.arg(i);
}

QString SqlDialect::idParameterList(int count)
{
    QStringList ids;
    for (int i = 0; i < count; ++i)
        ids << idParameter(i);
    return ids.join(u", "_s);
}

QStringList SqliteDialect::migrationStatements(int from)
{
    switch (from) {
    case 0:
        return {
            u"CREATE TABLE people ("
            "  id INTEGER PRIMARY KEY,"
            "  name TEXT NOT NULL UNIQUE,"
            "  title TEXT NOT NULL DEFAULT '',"
            "  role TEXT NOT NULL CHECK (role IN ('writer', 'editor')),"
            "  created_at TEXT NOT NULL)"_s,

            u"CREATE TABLE stories ("
            "  id INTEGER PRIMARY KEY,"
            "  slug TEXT NOT NULL UNIQUE,"
            "  headline TEXT NOT NULL DEFAULT '',"
            "  dek TEXT NOT NULL DEFAULT '',"
            "  byline TEXT NOT NULL DEFAULT '',"
            "  dateline TEXT NOT NULL DEFAULT '',"
            "  body TEXT NOT NULL DEFAULT '',"
            "  status TEXT NOT NULL DEFAULT 'draft'"
            "    CHECK (status IN ('draft', 'in_review', 'approved', 'published', 'archived')),"
            "  created_at TEXT NOT NULL,"
            "  created_by TEXT NOT NULL DEFAULT '',"
            "  updated_at TEXT NOT NULL,"
            "  updated_by TEXT NOT NULL DEFAULT '',"
            "  row_version INTEGER NOT NULL DEFAULT 1)"_s,
            u"CREATE INDEX stories_by_updated ON stories (updated_at DESC, id DESC)"_s,
            u"CREATE INDEX stories_by_headline ON stories (headline COLLATE NOCASE, id)"_s,
            u"CREATE INDEX stories_by_status ON stories (status, updated_at DESC)"_s,

            // Image bytes are stored once per content hash, however many photo
            // records or stories use them.
            u"CREATE TABLE images ("
            "  hash TEXT PRIMARY KEY,"
            "  data BLOB NOT NULL,"
            "  mime_type TEXT NOT NULL DEFAULT '',"
            "  width INTEGER NOT NULL DEFAULT 0,"
            "  height INTEGER NOT NULL DEFAULT 0,"
            "  byte_size INTEGER NOT NULL DEFAULT 0,"
            "  created_at TEXT NOT NULL)"_s,

            u"CREATE TABLE photos ("
            "  id INTEGER PRIMARY KEY,"
            "  image_hash TEXT REFERENCES images (hash),"
            "  thumbnail BLOB,"
            "  file_name TEXT NOT NULL DEFAULT '',"
            "  virin TEXT NOT NULL DEFAULT '',"
            "  title TEXT NOT NULL DEFAULT '',"
            "  caption TEXT NOT NULL DEFAULT '',"
            "  alt_text TEXT NOT NULL DEFAULT '',"
            "  credit TEXT NOT NULL DEFAULT '',"
            "  photographer TEXT NOT NULL DEFAULT '',"
            "  unit TEXT NOT NULL DEFAULT '',"
            "  operation TEXT NOT NULL DEFAULT '',"
            "  date_shot TEXT NOT NULL DEFAULT '',"
            "  city TEXT NOT NULL DEFAULT '',"
            "  sublocation TEXT NOT NULL DEFAULT '',"
            "  state TEXT NOT NULL DEFAULT '',"
            "  country TEXT NOT NULL DEFAULT '',"
            "  country_code TEXT NOT NULL DEFAULT '',"
            "  keywords TEXT NOT NULL DEFAULT '',"
            "  release_state TEXT NOT NULL DEFAULT 'not_reviewed'"
            "    CHECK (release_state IN ('not_reviewed', 'released', 'not_released')),"
            "  release_authority TEXT NOT NULL DEFAULT '',"
            "  caption_writer TEXT NOT NULL DEFAULT '',"
            "  approval_state TEXT NOT NULL DEFAULT 'pending'"
            "    CHECK (approval_state IN ('pending', 'approved', 'changes_requested')),"
            "  created_at TEXT NOT NULL,"
            "  updated_at TEXT NOT NULL,"
            "  updated_by TEXT NOT NULL DEFAULT '',"
            "  row_version INTEGER NOT NULL DEFAULT 1)"_s,
            u"CREATE INDEX photos_by_virin ON photos (virin)"_s,

            u"CREATE TABLE story_photos ("
            "  story_id INTEGER NOT NULL REFERENCES stories (id) ON DELETE CASCADE,"
            "  photo_id INTEGER NOT NULL REFERENCES photos (id) ON DELETE CASCADE,"
            "  position INTEGER NOT NULL,"
            "  PRIMARY KEY (story_id, photo_id))"_s,
            u"CREATE INDEX story_photos_by_photo ON story_photos (photo_id)"_s,

            // An approval is of the exact caption and alt text the editor saw.
            u"CREATE TABLE caption_approvals ("
            "  id INTEGER PRIMARY KEY,"
            "  photo_id INTEGER NOT NULL REFERENCES photos (id) ON DELETE CASCADE,"
            "  decision TEXT NOT NULL CHECK (decision IN ('approved', 'changes_requested')),"
            "  caption TEXT NOT NULL,"
            "  alt_text TEXT NOT NULL,"
            "  comment TEXT NOT NULL DEFAULT '',"
            "  decided_by TEXT NOT NULL,"
            "  decided_at TEXT NOT NULL)"_s,
            u"CREATE INDEX caption_approvals_by_photo ON caption_approvals (photo_id, id)"_s,

            u"CREATE TABLE revisions ("
            "  id INTEGER PRIMARY KEY,"
            "  story_id INTEGER NOT NULL REFERENCES stories (id) ON DELETE CASCADE,"
            "  row_version INTEGER NOT NULL,"
            "  kind TEXT NOT NULL CHECK (kind IN ('save', 'autosave', 'restore', 'import')),"
            "  headline TEXT NOT NULL,"
            "  dek TEXT NOT NULL,"
            "  byline TEXT NOT NULL,"
            "  dateline TEXT NOT NULL,"
            "  body TEXT NOT NULL,"
            "  status TEXT NOT NULL,"
            "  created_at TEXT NOT NULL,"
            "  created_by TEXT NOT NULL)"_s,
            u"CREATE INDEX revisions_by_story ON revisions (story_id, id DESC)"_s,

            u"CREATE TABLE audit_log ("
            "  id INTEGER PRIMARY KEY,"
            "  at TEXT NOT NULL,"
            "  actor TEXT NOT NULL,"
            "  action TEXT NOT NULL,"
            "  entity TEXT NOT NULL,"
            "  entity_id INTEGER,"
            "  detail TEXT NOT NULL DEFAULT '')"_s,
            u"CREATE INDEX audit_log_by_entity ON audit_log (entity, entity_id, id)"_s,

            // Search copy of each story's text; rowid is the story id. Porter
            // stemming lets "forces" find "force"; prefix indexes keep
            // search-as-you-type fast on short prefixes of common words
            // ("com…"), at about 2.5 times the index size.
            u"CREATE VIRTUAL TABLE story_search USING fts5("
            "  headline, dek, body, captions,"
            "  tokenize = 'porter unicode61 remove_diacritics 2',"
            "  prefix = '2 3 4')"_s,
        };
    case 1:
        return {
            // Workflow (issue 7): a correction note printed at the end of a
            // corrected article, and an embargo before which export refuses.
            u"ALTER TABLE stories ADD COLUMN correction_note TEXT NOT NULL DEFAULT ''"_s,
            u"ALTER TABLE stories ADD COLUMN embargo_until TEXT NOT NULL DEFAULT ''"_s,

            // Review comments on a story or a photo.
            u"CREATE TABLE comments ("
            "  id INTEGER PRIMARY KEY,"
            "  entity TEXT NOT NULL CHECK (entity IN ('story', 'photo')),"
            "  entity_id INTEGER NOT NULL,"
            "  body TEXT NOT NULL,"
            "  author TEXT NOT NULL,"
            "  created_at TEXT NOT NULL)"_s,
            u"CREATE INDEX comments_by_entity ON comments (entity, entity_id, id)"_s,

            // Who has a story open for editing. A row whose process died is
            // stale: same host and the pid gone (or started at another time),
            // or a heartbeat older than StoryLocks::staleAfterSeconds.
            u"CREATE TABLE story_locks ("
            "  story_id INTEGER PRIMARY KEY REFERENCES stories (id) ON DELETE CASCADE,"
            "  session TEXT NOT NULL,"
            "  holder TEXT NOT NULL,"
            "  host TEXT NOT NULL,"
            "  pid INTEGER NOT NULL,"
            "  process_started TEXT NOT NULL DEFAULT '',"
            "  acquired_at TEXT NOT NULL,"
            "  heartbeat_at TEXT NOT NULL)"_s,

            // Proper names a story's spell check accepts (people, places, units
            // the dictionary does not know), kept with the story and gone with it.
            u"CREATE TABLE story_names ("
            "  story_id INTEGER NOT NULL REFERENCES stories (id) ON DELETE CASCADE,"
            "  name TEXT NOT NULL,"
            "  PRIMARY KEY (story_id, name))"_s,
        };
    case 2:
        return {
            // When a story was first published: the article's datePublished.
            // A correction republishes it with the same date (dateModified
            // tells the change). Stories published before this column get
            // the time of their first "publish" in the audit log.
            u"ALTER TABLE stories ADD COLUMN published_at TEXT NOT NULL DEFAULT ''"_s,
            u"UPDATE stories SET published_at = coalesce("
            "  (SELECT min(at) FROM audit_log WHERE entity = 'story' AND entity_id = stories.id AND action = 'publish'),"
            "  updated_at) "
            "WHERE status = 'published' OR id IN (SELECT entity_id FROM audit_log WHERE entity = 'story' AND action = 'publish')"_s,
        };
    case 3:
        return {
            // Settings of the library as a whole (PublicationSettings: the
            // publisher and the article address), whoever opens it.
            u"CREATE TABLE library_settings ("
            "  key TEXT PRIMARY KEY,"
            "  value TEXT NOT NULL)"_s,
        };
    case 4:
        return {
            // The operating-system account each person works under: the
            // command line knows people by it (issue 11), never by the
            // environment. Empty for none; people from before match by name.
            u"ALTER TABLE people ADD COLUMN login TEXT NOT NULL DEFAULT ''"_s,
            u"CREATE UNIQUE INDEX people_by_login ON people (login) WHERE login <> ''"_s,
            // An approval covers every published field (issue 11). A revision
            // keeps the story's correction note too; NULL marks the ones
            // saved before, whose note is unknown.
            u"ALTER TABLE revisions ADD COLUMN correction_note TEXT"_s,
            // What a caption decision saw: every photo field it covers, as a
            // JSON object (PhotoRepository); NULL for the decisions recorded
            // before, which saw the caption and alt text alone.
            u"ALTER TABLE caption_approvals ADD COLUMN reviewed TEXT"_s,
        };
    case 5: {
        const QString columns = u"rowid, virin, photographer, date_shot, place, keywords, words"_s;
        const QString values =
            u"new.id, new.virin, new.photographer || ' ' || new.credit, new.date_shot, "
            "new.sublocation || ' ' || new.city || ' ' || new.state || ' ' || new.country || ' ' || new.country_code, "
            "new.keywords, new.title || ' ' || new.caption || ' ' || new.alt_text || ' ' || new.operation || ' ' || new.unit"_s;
        return {
            // The status of a story by its id, without reading the story:
            // a searching list keeps or drops each ranked hit by its status
            // (StoryListModel), and the row's status lies past its body, in
            // overflow pages. Materialising every archived id instead cost
            // more than ranking (14,000 ids at 100,000 stories).
            u"CREATE INDEX stories_status_by_id ON stories (id, status)"_s,
            // DVIDS's fields still missing (issue 15): the combatant command
            // the photo shows, the photographer's work e-mail and phone (IPTC
            // Creator Contact Info), and whether it is published with alt=""
            // on purpose.
            u"ALTER TABLE photos ADD COLUMN command_shown TEXT NOT NULL DEFAULT ''"_s,
            u"ALTER TABLE photos ADD COLUMN creator_email TEXT NOT NULL DEFAULT ''"_s,
            u"ALTER TABLE photos ADD COLUMN creator_phone TEXT NOT NULL DEFAULT ''"_s,
            u"ALTER TABLE photos ADD COLUMN decorative INTEGER NOT NULL DEFAULT 0 CHECK (decorative IN (0, 1))"_s,
            // Metadata templates (PhotoTemplateRepository), the library's so
            // that a team shares them: a column per field a template sets,
            // named as the photo's.
            u"CREATE TABLE photo_templates ("
            "  id INTEGER PRIMARY KEY,"
            "  name TEXT NOT NULL UNIQUE,"
            "  photographer TEXT NOT NULL DEFAULT '',"
            "  unit TEXT NOT NULL DEFAULT '',"
            "  credit TEXT NOT NULL DEFAULT '',"
            "  operation TEXT NOT NULL DEFAULT '',"
            "  city TEXT NOT NULL DEFAULT '',"
            "  sublocation TEXT NOT NULL DEFAULT '',"
            "  state TEXT NOT NULL DEFAULT '',"
            "  country TEXT NOT NULL DEFAULT '',"
            "  country_code TEXT NOT NULL DEFAULT '',"
            "  keywords TEXT NOT NULL DEFAULT '',"
            "  release_authority TEXT NOT NULL DEFAULT '',"
            "  command_shown TEXT NOT NULL DEFAULT '',"
            "  creator_email TEXT NOT NULL DEFAULT '',"
            "  creator_phone TEXT NOT NULL DEFAULT '',"
            "  created_at TEXT NOT NULL,"
            "  updated_at TEXT NOT NULL,"
            "  updated_by TEXT NOT NULL DEFAULT '',"
            "  row_version INTEGER NOT NULL DEFAULT 1)"_s,
            // The library's glossary (issue 15): names every story spells
            // alike and code replacements ("=cjcs=") that expand as one
            // types. A code is unique; so is a name without one.
            u"CREATE TABLE glossary ("
            "  id INTEGER PRIMARY KEY,"
            "  code TEXT NOT NULL DEFAULT '',"
            "  text TEXT NOT NULL CHECK (text <> ''),"
            "  created_at TEXT NOT NULL,"
            "  created_by TEXT NOT NULL DEFAULT '')"_s,
            u"CREATE UNIQUE INDEX glossary_by_code ON glossary (code) WHERE code <> ''"_s,
            u"CREATE UNIQUE INDEX glossary_by_name ON glossary (text) WHERE code = ''"_s,
            // The names stories accepted one by one become the library's:
            // each once, kept in story_names too, so nothing is lost.
            u"INSERT INTO glossary (text, created_at, created_by) "
            "SELECT name, strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), '' FROM story_names "
            "WHERE trim(name) <> '' GROUP BY name ORDER BY name"_s,
            // The media archive (issue 15): every photo's searchable text, the
            // rowid its photo's id, kept by triggers so that whatever writes a
            // photo (the form, a batch edit, an import) keeps it current.
            u"CREATE VIRTUAL TABLE photo_search USING fts5("
            "  virin, photographer, date_shot, place, keywords, words,"
            "  tokenize = 'porter unicode61 remove_diacritics 2',"
            "  prefix = '2 3')"_s,
            u"CREATE TRIGGER photo_search_insert AFTER INSERT ON photos BEGIN "
            "INSERT INTO photo_search (%1) VALUES (%2); END"_s.arg(columns, values),
            u"CREATE TRIGGER photo_search_update AFTER UPDATE OF virin, photographer, credit, date_shot, sublocation, city, "
            "state, country, country_code, keywords, title, caption, alt_text, operation, unit ON photos BEGIN "
            "DELETE FROM photo_search WHERE rowid = old.id; "
            "INSERT INTO photo_search (%1) VALUES (%2); END"_s.arg(columns, values),
            u"CREATE TRIGGER photo_search_delete AFTER DELETE ON photos BEGIN "
            "DELETE FROM photo_search WHERE rowid = old.id; END"_s,
            u"INSERT INTO photo_search (%1) SELECT %2 FROM photos AS new"_s.arg(columns, values),
        };
    }
    default:
        return {};
    }
}

QStringList SqliteDialect::connectionPragmas()
{
    return {
        u"PRAGMA journal_mode = WAL"_s,
        // WAL with NORMAL survives a killed process without losing a commit;
        // only a power cut can drop the last transactions.
        u"PRAGMA synchronous = NORMAL"_s,
        u"PRAGMA foreign_keys = ON"_s,
    };
}

SqlDialect::ErrorKind SqliteDialect::errorKind(const QSqlError &error) const
{
    // SQLite's primary result codes, as QSqlError::nativeErrorCode() gives
    // them (an extended code carries the primary one in its low byte).
    constexpr int SqliteBusy = 5;
    constexpr int SqliteLocked = 6;
    constexpr int SqliteReadOnly = 8;
    constexpr int SqliteCorrupt = 11;
    constexpr int SqliteCantOpen = 14;
    constexpr int SqliteNotADatabase = 26;
    switch (error.nativeErrorCode().toInt() & 0xff) {
    case SqliteBusy:
    case SqliteLocked:
        return ErrorKind::Busy;
    case SqliteReadOnly:
        return ErrorKind::ReadOnly;
    case SqliteCorrupt:
        return ErrorKind::Corrupt;
    case SqliteCantOpen:
        return ErrorKind::CannotOpen;
    case SqliteNotADatabase:
        return ErrorKind::NotADatabase;
    default:
        return ErrorKind::Other;
    }
}

QString SqliteDialect::beginWriteStatement() const
{
    return u"BEGIN IMMEDIATE"_s;
}

QString SqliteDialect::caseInsensitiveOrder(const QString &column) const
{
    return column + u" COLLATE NOCASE"_s;
}

QString SqliteDialect::logCheckpointStatement() const
{
    // PASSIVE: as much as no reader or writer needs, at once. Otherwise the
    // first commit that takes the log past 1000 pages copies it, whichever
    // connection's that is (the window's, after a worker wrote a long story).
    return u"PRAGMA wal_checkpoint(PASSIVE)"_s;
}

QStringList SqliteDialect::maintenanceStatements() const
{
    return {
        u"INSERT INTO story_search (story_search) VALUES ('optimize')"_s,
        u"INSERT INTO photo_search (photo_search) VALUES ('optimize')"_s,
        u"PRAGMA optimize"_s,
    };
}

QString SqliteDialect::statusByIdIndexHint() const
{
    // Left to itself SQLite looks an id up in the table (its primary key),
    // reading the row's overflow pages to reach the status.
    return u"INDEXED BY stories_status_by_id"_s;
}

QString SqliteDialect::lockSessionAliveExpression() const
{
    return u"NULL"_s;
}

QString SqliteDialect::ftsUpsertStatement() const
{
    // FTS5 tables take no ON CONFLICT clause; REPLACE is theirs.
    return u"INSERT OR REPLACE INTO story_search (rowid, headline, dek, body, captions) "
           "VALUES (:id, :headline, :dek, :body, :captions)"_s;
}

QString SqliteDialect::ftsDeleteStatement() const
{
    return u"DELETE FROM story_search WHERE rowid = :id"_s;
}

QString SqliteDialect::ftsSearchStatement() const
{
    // Headline hits weigh most, then dek, body and captions.
    return u"SELECT story_id, rank FROM ("
           "  SELECT rowid AS story_id, bm25(story_search, 10.0, 5.0, 1.0, 2.0) AS rank"
           "  FROM story_search WHERE story_search MATCH :query ORDER BY rowid DESC LIMIT :window) "
           "ORDER BY rank LIMIT :limit"_s;
}

QString SqliteDialect::ftsSnippetsStatement(int idCount) const
{
    // The unary + keeps the id list out of FTS5's hands (it would run the
    // query once per id); FTS5 scans :low..:high once and SQLite makes
    // snippets only for the rows the list lets through.
    // One passage per column of story_search (0 headline, 1 dek, 2 body,
    // 3 captions).
    return u"SELECT rowid AS story_id,"
           "  snippet(story_search, 2, char(2), char(3), '…', 12) AS body_passage,"
           "  snippet(story_search, 1, char(2), char(3), '…', 12) AS dek_passage,"
           "  snippet(story_search, 3, char(2), char(3), '…', 12) AS captions_passage,"
           "  snippet(story_search, 0, char(2), char(3), '…', 12) AS headline_passage "
           "FROM story_search WHERE story_search MATCH :query AND rowid BETWEEN :low AND :high "
           "AND +rowid IN (%1)"_s.arg(idParameterList(idCount));
}

QString SqliteDialect::ftsQueryFromUserText(const QString &text) const
{
    // Every word a quoted FTS5 string (quotes doubled): never an operator.
    return searchQuery(
        text, [](const QString &word) -> QString { return u'"' + QString(word).replace(u'"', u"\"\""_s) + u'"'; }, u"*", u" ");
}

QString SqliteDialect::ftsQueryWithoutPrefix(const QString &ftsQuery) const
{
    // The prefix index (prefix = '2 3 4') serves prefixes of up to four
    // letters without reading every story's entry; "\"word\"*" longer.
    static const QRegularExpression longPrefix(u"\"[^\"]{5,}\"\\*$"_s);
    if (!longPrefix.match(ftsQuery).hasMatch())
        return {};
    return ftsQuery.chopped(1);
}

QString SqliteDialect::photoSearchStatement() const
{
    // A VIRIN or a date hit weighs most, then who shot it, where and its
    // keywords, then the caption's words.
    return u"SELECT rowid AS photo_id, bm25(photo_search, 10.0, 5.0, 10.0, 3.0, 3.0, 1.0) AS rank "
           "FROM photo_search WHERE photo_search MATCH :query"_s;
}
