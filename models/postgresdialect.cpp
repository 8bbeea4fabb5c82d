// SPDX-License-Identifier: MIT
#include "postgresdialect.h"

#include "textsafety.h"

#include "glossary.h"
#include "photo.h"
#include "story.h"
#include "storylocks.h"
#include "workflow.h"

#include <QObject>
#include <QRegularExpression>
#include <QSqlError>

using namespace Qt::StringLiterals;

namespace {

// A string literal for SQL: the keys are our own words, but quote them anyway.
QString literal(const QString &text)
{
    QString quoted = text;
    quoted.replace(u'\'', u"''"_s);
    return u"'"_s + quoted + u"'"_s;
}

QString boolean(bool value)
{
    return value ? u"true"_s : u"false"_s;
}

// Function bodies are full of %, which QString::arg would take for its own:
// the statements name what they need as {KEY} instead.
QString fill(QString text, const QList<std::pair<QString, QString>> &values)
{
    for (const auto &[key, value] : values)
        text.replace(u'{' + key + u'}', value);
    return text;
}

const QList<StoryStatus> &allStatuses()
{
    static const QList<StoryStatus> statuses{StoryStatus::Draft, StoryStatus::InReview, StoryStatus::Approved,
                                             StoryStatus::Published, StoryStatus::Archived};
    return statuses;
}

QString statusCheck()
{
    QStringList keys;
    for (const StoryStatus status : allStatuses())
        keys << literal(storyStatusKey(status));
    return u"CHECK (status IN (%1))"_s.arg(keys.join(u", "_s));
}

// The transition table's rows, one per action and status it may start from,
// generated from the one statement of the rules (Workflow::transitionRules).
QString transitionRows()
{
    QStringList rows;
    for (const Workflow::TransitionRule &rule : Workflow::transitionRules()) {
        for (const StoryStatus from : rule.from) {
            rows << u"(%1, %2, %3, %4, %5)"_s.arg(literal(workflowActionKey(rule.action)), literal(storyStatusKey(from)),
                                                  literal(storyStatusKey(rule.to)), boolean(rule.writerMay),
                                                  boolean(Workflow::needsComment(rule.action)));
        }
    }
    return rows.join(u",\n"_s);
}

// Who may add a story in each status, change the text of one, delete one and
// change its photos: asked of Workflow::checkCreate, checkTextEdit,
// checkDelete and checkPlacement for every status and role.
QString storyRuleRows()
{
    QStringList rows;
    for (const StoryStatus status : allStatuses()) {
        for (const PersonRole role : {PersonRole::Writer, PersonRole::Editor}) {
            rows << u"('create', %1, %2, %3)"_s.arg(literal(storyStatusKey(status)), literal(personRoleKey(role)),
                                                    boolean(Workflow::checkCreate(role, status).allowed));
            rows << u"('edit', %1, %2, %3)"_s.arg(literal(storyStatusKey(status)), literal(personRoleKey(role)),
                                                  boolean(Workflow::checkTextEdit(role, status).allowed));
            rows << u"('delete', %1, %2, %3)"_s.arg(literal(storyStatusKey(status)), literal(personRoleKey(role)),
                                                    boolean(Workflow::checkDelete(role, status).allowed));
            rows << u"('place', %1, %2, %3)"_s.arg(literal(storyStatusKey(status)), literal(personRoleKey(role)),
                                                   boolean(Workflow::checkPlacement(role, status).allowed));
        }
    }
    return rows.join(u",\n"_s);
}

// What a client may write to the audit log through newsdesk.audit(), and
// whether only an editor may: the entries a repository writes beside a change
// it makes itself. Status changes, caption decisions, the voiding of an
// approval, a story's deletion and its embargo are written by the server's
// own functions and triggers, never by a client.
QString auditActionRows()
{
    const bool overrideEditorOnly = !Workflow::checkExportOverride(PersonRole::Writer).allowed;
    const bool settingsEditorOnly = !Workflow::checkPublicationSettings(PersonRole::Writer).allowed;
    const bool takeOverEditorOnly = !Workflow::checkTakeOver(PersonRole::Writer).allowed;
    const bool glossaryEditorOnly = !Workflow::checkGlossaryChange(PersonRole::Writer).allowed;
    const QList<std::tuple<QString, QString, bool>> actions{
        {u"create"_s, u"story"_s, false},        {u"save"_s, u"story"_s, false},
        {u"accept-name"_s, u"story"_s, false},
        {u"import"_s, u"story"_s, false},
        {u"export"_s, u"story"_s, false},        {u"export-override"_s, u"story"_s, overrideEditorOnly},
        {u"lock-recovered"_s, u"story"_s, false}, {u"comment"_s, u"story"_s, false},
        {u"lock-taken-over"_s, u"story"_s, takeOverEditorOnly},
        {u"comment"_s, u"photo"_s, false},       {u"add"_s, u"photo"_s, false},
        {u"save"_s, u"photo"_s, false},          {u"import"_s, u"photo"_s, false},
        {u"publication-settings"_s, u"library"_s, settingsEditorOnly},
        {u"glossary-add"_s, u"glossary"_s, false},
        {u"glossary-change"_s, u"glossary"_s, glossaryEditorOnly},
        {u"glossary-delete"_s, u"glossary"_s, glossaryEditorOnly},
    };
    QStringList rows;
    for (const auto &[action, entity, editorOnly] : actions)
        rows << u"(%1, %2, %3)"_s.arg(literal(action), literal(entity), boolean(editorOnly));
    return rows.join(u",\n"_s);
}

// Format 1 -> 2: the glossary (issue 15) and who may write it: anyone among
// the people adds an entry (the server signs and dates it), and changing or
// deleting one is for the role Workflow::checkGlossaryChange names. The
// names stories accepted come along. Each statement may run again on a
// library that has them (a set-up interrupted by hand, a test).
QStringList glossaryStatements()
{
    const QString changers = QString::fromLatin1(Workflow::checkGlossaryChange(PersonRole::Writer).allowed
                                                     ? PostgresDialect::writerRole
                                                     : PostgresDialect::editorRole);
    return {
        u"CREATE TABLE IF NOT EXISTS glossary ("
        "  id bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,"
        "  code text NOT NULL DEFAULT '',"
        "  text text NOT NULL CHECK (text <> ''),"
        "  created_at text NOT NULL DEFAULT now_text(),"
        "  created_by text NOT NULL DEFAULT current_person())"_s,
        u"CREATE UNIQUE INDEX IF NOT EXISTS glossary_by_code ON glossary (code) WHERE code <> ''"_s,
        u"CREATE UNIQUE INDEX IF NOT EXISTS glossary_by_name ON glossary (text) WHERE code = ''"_s,
        u"INSERT INTO glossary (text, created_by) SELECT name, '' FROM story_names "
        "WHERE btrim(name) <> '' GROUP BY name ORDER BY name ON CONFLICT DO NOTHING"_s,
        u"GRANT SELECT ON glossary TO %1"_s.arg(QString::fromLatin1(PostgresDialect::writerRole)),
        u"GRANT INSERT (code, text) ON glossary TO %1"_s.arg(QString::fromLatin1(PostgresDialect::writerRole)),
        u"GRANT UPDATE (code, text), DELETE ON glossary TO %1"_s.arg(changers),
    };
}

// Part of the format 1 -> 2 step, the media archive (issue 15): each photo's search
// document, kept by the server (a generated column: whatever writes a photo
// keeps it current), and its index. May run again, as the glossary's step.
QStringList photoSearchStatements()
{
    return {
        u"ALTER TABLE photos ADD COLUMN IF NOT EXISTS search_document tsvector GENERATED ALWAYS AS ("
        "  setweight(to_tsvector('english', virin || ' ' || date_shot), 'A') || "
        "  setweight(to_tsvector('english', photographer || ' ' || credit), 'B') || "
        "  setweight(to_tsvector('english', sublocation || ' ' || city || ' ' || state || ' ' || country || ' ' || country_code "
        "    || ' ' || keywords), 'C') || "
        "  setweight(to_tsvector('english', title || ' ' || caption || ' ' || alt_text || ' ' || operation || ' ' || unit), 'D')"
        ") STORED"_s,
        u"CREATE INDEX IF NOT EXISTS photos_by_search_document ON photos USING gin (search_document)"_s,
    };
}

QString storyFieldColumn(StoryField field)
{
    switch (field) {
    case StoryField::Headline:
        return u"headline"_s;
    case StoryField::Dek:
        return u"dek"_s;
    case StoryField::Byline:
        return u"byline"_s;
    case StoryField::Dateline:
        return u"dateline"_s;
    case StoryField::Body:
        return u"body"_s;
    case StoryField::CorrectionNote:
        return u"correction_note"_s;
    }
    return {};
}

// "NEW.headline IS DISTINCT FROM OLD.headline OR …" over every text an
// approval covers (storyFields()), between two rows that hold a story's text.
QString storyTextDiffers(const QString &row, const QString &other)
{
    QStringList parts;
    for (const StoryField field : storyFields())
        parts << u"%1.%3 IS DISTINCT FROM %2.%3"_s.arg(row, other, storyFieldColumn(field));
    return parts.join(u" OR "_s);
}

QString storyTextChanged()
{
    return storyTextDiffers(u"NEW"_s, u"OLD"_s);
}

// The photo fields a caption decision covers (reviewedPhotoFields(); their
// keys are the columns): which changed, and the object a decision records.
QString reviewedPhotoChanges()
{
    QStringList parts;
    for (const PhotoField field : reviewedPhotoFields())
        parts << u"CASE WHEN NEW.%1 IS DISTINCT FROM OLD.%1 THEN %2 END"_s.arg(photoFieldKey(field), literal(photoFieldKey(field)));
    return u"concat_ws(', ', %1)"_s.arg(parts.join(u", "_s));
}

// The same, named as the audit log names them for people ("Title, Release
// state"), in the language the library was set up in.
QString reviewedPhotoChangeLabels()
{
    QStringList parts;
    for (const PhotoField field : reviewedPhotoFields())
        parts << u"CASE WHEN NEW.%1 IS DISTINCT FROM OLD.%1 THEN %2 END"_s.arg(photoFieldKey(field), literal(photoFieldLabel(field)));
    return u"concat_ws(', ', %1)"_s.arg(parts.join(u", "_s));
}

QString reviewedPhotoObject()
{
    QStringList parts;
    for (const PhotoField field : reviewedPhotoFields())
        // As text, as photoFieldText() has it (a boolean as "true"/"false").
        parts << u"%1, p.%2::text"_s.arg(literal(photoFieldKey(field)), photoFieldKey(field));
    return u"jsonb_build_object(%1)::text"_s.arg(parts.join(u", "_s));
}

// The functions that name every reviewed photo field (reviewedPhotoFields()),
// made again when a library's format adds one.

// Every "by" column is the caller's person, and every date of a change the
// server's clock, whatever a client sent (a story dated 9999 would head
// every desk's list for good). The triggers run as the caller (not
// SECURITY DEFINER), so that they can tell the server's own functions,
// which run as the owner, from a client's statement.
QString stampStoryFunction()
{
    return u"CREATE OR REPLACE FUNCTION stamp_story() RETURNS trigger LANGUAGE plpgsql "
        "SET search_path = newsdesk, pg_temp AS $$\n"
        "DECLARE\n"
        "  v_role text := caller_role();\n"
        "BEGIN\n"
        "  IF in_server_function() THEN RETURN coalesce(NEW, OLD); END IF;\n"
        "  IF TG_OP = 'INSERT' THEN\n"
        "    IF NOT coalesce((SELECT allowed FROM story_rules WHERE kind = 'create' AND status = NEW.status AND role = v_role), false) THEN\n"
        "      RAISE EXCEPTION 'Only an editor may add a story that is %: it has not been reviewed here.', NEW.status\n"
        "        USING ERRCODE = 'insufficient_privilege';\n"
        "    END IF;\n"
        "    IF NEW.status <> 'published' THEN NEW.published_at := ''; END IF;\n"
        "    PERFORM check_signature(NEW.created_by, NULL);\n"
        "    PERFORM check_signature(NEW.updated_by, NULL);\n"
        "    NEW.created_by := current_person();\n"
        "    NEW.created_at := now_text();\n"
        "    NEW.updated_at := NEW.created_at;\n"
        "    NEW.row_version := 1;\n"
        "  ELSIF TG_OP = 'UPDATE' THEN\n"
        "    IF (" + storyTextChanged() + u")\n"
        "       AND NOT coalesce((SELECT allowed FROM story_rules WHERE kind = 'edit' AND status = OLD.status AND role = v_role), false) THEN\n"
        "      RAISE EXCEPTION 'The story is %: you may not change its text now.', OLD.status USING ERRCODE = 'insufficient_privilege';\n"
        "    END IF;\n"
        "    PERFORM check_signature(NEW.created_by, OLD.created_by);\n"
        "    PERFORM check_signature(NEW.updated_by, OLD.updated_by);\n"
        "    NEW.created_by := OLD.created_by;\n"
        "    NEW.created_at := OLD.created_at;\n"
        "    NEW.updated_at := now_text();\n"
        "    NEW.row_version := OLD.row_version + 1;\n"
        "  ELSE\n"
        "    IF NOT coalesce((SELECT allowed FROM story_rules WHERE kind = 'delete' AND status = OLD.status AND role = v_role), false) THEN\n"
        "      RAISE EXCEPTION 'Only an editor may delete a story that is %; archive it instead.', OLD.status\n"
        "        USING ERRCODE = 'insufficient_privilege';\n"
        "    END IF;\n"
        "    RETURN OLD;\n"
        "  END IF;\n"
        "  NEW.updated_by := current_person();\n"
        "  RETURN NEW;\n"
        "END $$"_s;
}

// A photo's edit voids a caption decision when it touches a field the
// decision covered; the server records that in the audit log.
QString stampPhotoFunction()
{
    return u"CREATE OR REPLACE FUNCTION stamp_photo() RETURNS trigger LANGUAGE plpgsql "
        "SET search_path = newsdesk, pg_temp AS $$\n"
        "BEGIN\n"
        "  IF in_server_function() THEN RETURN NEW; END IF;\n"
        "  PERFORM check_signature(NEW.updated_by, CASE WHEN TG_OP = 'UPDATE' THEN OLD.updated_by END);\n"
        "  IF TG_OP = 'INSERT' THEN\n"
        "    NEW.approval_state := 'pending';\n"
        "    NEW.created_at := now_text();\n"
        "    NEW.updated_at := NEW.created_at;\n"
        "    NEW.row_version := 1;\n"
        "  ELSE\n"
        "    IF OLD.approval_state <> 'pending' AND "_s + reviewedPhotoChanges() + u" <> '' THEN\n"
        "      NEW.approval_state := 'pending';\n"
        "    END IF;\n"
        "    NEW.created_at := OLD.created_at;\n"
        "    NEW.updated_at := now_text();\n"
        "    NEW.row_version := OLD.row_version + 1;\n"
        "  END IF;\n"
        "  NEW.updated_by := current_person();\n"
        "  RETURN NEW;\n"
        "END $$"_s;
}

// The voided decision goes into the audit log, which only the server
// writes: an AFTER trigger (a trigger function cannot be called any other
// way) with the owner's rights.
QString recordCaptionResetFunction()
{
    return u"CREATE OR REPLACE FUNCTION record_caption_reset() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER "
        "SET search_path = newsdesk, pg_temp AS $$\n"
        "BEGIN\n"
        "  IF OLD.approval_state <> 'pending' AND NEW.approval_state = 'pending' AND "_s + reviewedPhotoChanges() + u" <> '' THEN\n"
        "    INSERT INTO audit_log (action, entity, entity_id, detail)\n"
        "      VALUES ('caption-reset', 'photo', NEW.id, replace("_s
            // The sentence PhotoRepository writes on an SQLite library.
            + literal(QObject::tr("%1 changed after review")) + u", '%1', "_s + reviewedPhotoChangeLabels() + u"));\n"
        "  END IF;\n"
        "  RETURN NULL;\n"
        "END $$"_s;
}

QList<std::pair<QString, QString>> staleState()
{
    return {{u"STALE"_s, QString::fromLatin1(PostgresDialect::staleCopyState)}};
}

// The one way a caption decision is made: an editor's, of the photo's
// stored fields (what the decision saw is recorded by the server, not sent
// by the client), at the version the editor saw.
QString decideCaptionFunction()
{
    return fill(u"CREATE OR REPLACE FUNCTION decide_caption(p_photo bigint, p_row_version bigint, p_decision text, p_comment text DEFAULT '')\n"
            "RETURNS bigint LANGUAGE plpgsql SECURITY DEFINER SET search_path = newsdesk, pg_temp AS $$\n"
            "DECLARE\n"
            "  p photos;\n"
            "  v_now text := now_text();\n"
            "  v_comment text := btrim(coalesce(p_comment, ''));\n"
            "BEGIN\n"
            "  IF caller_role() IS DISTINCT FROM 'editor' THEN\n"
            "    RAISE EXCEPTION 'Only an editor can approve captions or request changes; % is not an editor of this library.',\n"
            "      current_person() USING ERRCODE = 'insufficient_privilege';\n"
            "  END IF;\n"
            "  IF p_decision NOT IN ('approved', 'changes_requested') THEN\n"
            "    RAISE EXCEPTION 'A decision is an approval or a request for changes.' USING ERRCODE = 'check_violation';\n"
            "  END IF;\n"
            "  IF p_decision = 'changes_requested' AND v_comment = '' THEN\n"
            "    RAISE EXCEPTION 'Say what should change when you request changes.' USING ERRCODE = 'check_violation';\n"
            "  END IF;\n"
            "  UPDATE photos SET approval_state = p_decision, updated_at = v_now, updated_by = current_person(),\n"
            "         row_version = row_version + 1\n"
            "   WHERE id = p_photo AND (p_row_version IS NULL OR row_version = p_row_version) RETURNING * INTO p;\n"
            "  IF NOT FOUND THEN\n"
            "    RAISE EXCEPTION 'Photo % changed since you looked at it; review its caption again.', p_photo USING ERRCODE = '{STALE}';\n"
            "  END IF;\n"
            "  INSERT INTO caption_approvals (photo_id, decision, caption, alt_text, reviewed, comment, decided_by, decided_at)\n"
            "    VALUES (p.id, p_decision, p.caption, p.alt_text, "_s, staleState()) + reviewedPhotoObject() + u", v_comment, current_person(), v_now);\n"
            "  INSERT INTO audit_log (at, action, entity, entity_id, detail) VALUES (v_now, 'caption-' || p_decision, 'photo', p.id, v_comment);\n"
            "  RETURN p.row_version;\n"
            "END $$"_s;
}

// Metadata templates (PhotoTemplateRepository), shared by the whole desk:
// whoever Workflow::checkPhotoTemplates lets (any person) creates, changes,
// renames and deletes them; the server signs every change with the caller's
// person. Written to run again harmlessly, as the whole step does (set-up
// repeated on a library that has them).
QStringList photoTemplateStatements()
{
    const bool writersMay = Workflow::checkPhotoTemplates(PersonRole::Writer).allowed;
    const QString role = QString::fromLatin1(writersMay ? PostgresDialect::writerRole : PostgresDialect::editorRole);
    return {
        u"CREATE TABLE IF NOT EXISTS photo_templates ("
        "  id bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,"
        "  name text NOT NULL UNIQUE,"
        "  photographer text NOT NULL DEFAULT '',"
        "  unit text NOT NULL DEFAULT '',"
        "  credit text NOT NULL DEFAULT '',"
        "  operation text NOT NULL DEFAULT '',"
        "  city text NOT NULL DEFAULT '',"
        "  sublocation text NOT NULL DEFAULT '',"
        "  state text NOT NULL DEFAULT '',"
        "  country text NOT NULL DEFAULT '',"
        "  country_code text NOT NULL DEFAULT '',"
        "  keywords text NOT NULL DEFAULT '',"
        "  release_authority text NOT NULL DEFAULT '',"
        "  command_shown text NOT NULL DEFAULT '',"
        "  creator_email text NOT NULL DEFAULT '',"
        "  creator_phone text NOT NULL DEFAULT '',"
        "  created_at text NOT NULL,"
        "  updated_at text NOT NULL,"
        "  updated_by text NOT NULL DEFAULT '',"
        "  row_version bigint NOT NULL DEFAULT 1)"_s,
        u"CREATE OR REPLACE FUNCTION stamp_photo_template() RETURNS trigger LANGUAGE plpgsql "
        "SET search_path = newsdesk, pg_temp AS $$\n"
        "BEGIN\n"
        "  IF in_server_function() THEN RETURN NEW; END IF;\n"
        "  PERFORM check_signature(NEW.updated_by, CASE WHEN TG_OP = 'UPDATE' THEN OLD.updated_by END);\n"
        "  NEW.updated_by := current_person();\n"
        "  NEW.row_version := CASE WHEN TG_OP = 'INSERT' THEN 1 ELSE OLD.row_version + 1 END;\n"
        "  RETURN NEW;\n"
        "END $$"_s,
        u"CREATE OR REPLACE TRIGGER photo_templates_stamp BEFORE INSERT OR UPDATE ON photo_templates FOR EACH ROW "
        "EXECUTE FUNCTION stamp_photo_template()"_s,
        u"CREATE OR REPLACE TRIGGER photo_templates_notify AFTER INSERT OR UPDATE OR DELETE ON photo_templates FOR EACH ROW "
        "EXECUTE FUNCTION notify_change()"_s,
        u"GRANT SELECT, INSERT, UPDATE, DELETE ON photo_templates TO %1"_s.arg(role),
    };
}

// Taking a live desk's story over is an editor's (guard_lock refuses
// anyone else) and the audit log records it, as StoryLocks::takeOver
// words it: by the server, whether the editor went through Newsdesk or
// changed the lock with psql. Not the desk's own lock taken again on a new
// connection, nor a dead session's (a recovery, which the desk records).
QStringList lockTakeOverStatements()
{
    // StoryLocks::takenOverDetail as format()'s template.
    QString detail = StoryLocks::takenOverDetail(QString(QChar(1)), QString(QChar(2)));
    detail.replace(u'%', u"%%"_s).replace(QChar(1), u"%1$s"_s).replace(QChar(2), u"%2$s"_s);
    return {
        u"CREATE OR REPLACE FUNCTION record_lock_takeover() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER "
        "SET search_path = newsdesk, pg_temp AS $$\n"
        "BEGIN\n"
        "  IF OLD.backend_pid <> pg_backend_pid() AND OLD.holder <> current_person()\n"
        "     AND EXISTS (SELECT 1 FROM pg_stat_activity a WHERE a.pid = OLD.backend_pid) THEN\n"
        "    INSERT INTO audit_log (action, entity, entity_id, detail)\n"
        "      VALUES ('lock-taken-over', 'story', OLD.story_id, format("_s + literal(detail) + u", OLD.holder, OLD.host));\n"
        "  END IF;\n"
        "  RETURN NULL;\n"
        "END $$"_s,
        u"CREATE OR REPLACE TRIGGER story_locks_record_takeover AFTER UPDATE OR DELETE ON story_locks FOR EACH ROW "
        "EXECUTE FUNCTION record_lock_takeover()"_s,
        u"REVOKE ALL ON FUNCTION record_lock_takeover() FROM PUBLIC"_s,
    };
}

// The server's own SQL functions that run in a client's statement (a
// CHECK, a column's default): their bodies are parsed with the caller's
// search_path, and a writer who may create objects in some schema (public,
// on a database made before PostgreSQL 15) could put an operator or
// function of their own first in it, to be called in place of
// pg_catalog's: a "!~" that matches nothing holds no text to TextSafety.
// Each names its operators in pg_catalog (text_is_safe stays inlinable,
// as it runs for every text column of every row written) or fixes its own
// search_path. CREATE OR REPLACE: set-up and format 4 both make them.
QString nowTextFunction()
{
    return u"CREATE OR REPLACE FUNCTION now_text() RETURNS text LANGUAGE sql STABLE SET search_path = pg_catalog, pg_temp AS $$\n"
           "  SELECT to_char(clock_timestamp() AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS.MS\"Z\"') $$"_s;
}

QString callerRoleFunction()
{
    return fill(u"CREATE OR REPLACE FUNCTION caller_role() RETURNS text LANGUAGE sql STABLE SET search_path = pg_catalog, pg_temp AS $$\n"
                "  SELECT CASE WHEN pg_has_role(session_user, '{EDITOR}', 'MEMBER') THEN 'editor'\n"
                "              WHEN pg_has_role(session_user, '{WRITER}', 'MEMBER') THEN 'writer' END $$"_s,
                {{u"WRITER"_s, QString::fromLatin1(PostgresDialect::writerRole)},
                 {u"EDITOR"_s, QString::fromLatin1(PostgresDialect::editorRole)}});
}

// True inside the server's own functions (SECURITY DEFINER: they run
// as the schema's owner), which the triggers let through.
QString inServerFunctionFunction()
{
    return u"CREATE OR REPLACE FUNCTION in_server_function() RETURNS boolean LANGUAGE sql STABLE "
           "SET search_path = pg_catalog, pg_temp AS $$\n"
           "  SELECT current_user = (SELECT nspowner::regrole::name FROM pg_namespace WHERE nspname = 'newsdesk') $$"_s;
}

QString textIsSafeFunction()
{
    return u"CREATE OR REPLACE FUNCTION text_is_safe(p_text text, p_multi_line boolean) RETURNS boolean "
           "LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$\n"
           "  SELECT p_text OPERATOR(pg_catalog.!~) '"_s + PostgresDialect::forbiddenCharacterClass()
        + u"' AND p_text OPERATOR(pg_catalog.!~) CASE WHEN p_multi_line THEN '\\r' ELSE '[\\n\\r]' END $$"_s;
}

// "text_is_safe(a, false) AND text_is_safe(b, true) …" over columns.
QString textSafetyCheck(const QList<TextSafety::Column> &columns)
{
    QStringList checks;
    for (const TextSafety::Column &column : columns)
        checks << u"text_is_safe(%1, %2)"_s.arg(column.name, column.lines == TextSafety::Lines::Multi ? u"true"_s : u"false"_s);
    return checks.join(u" AND "_s);
}

// The constraint TABLE_text_is_safe holding table's columns to TextSafety,
// made anew (a migration step may run again). NOT VALID unless validated:
// rows written before are not re-read (the repositories cleaned them);
// every new and changed row is checked.
enum class Existing { Unchecked, Validated };
QString textSafetyConstraint(const QString &table, const QList<TextSafety::Column> &columns,
                             Existing existing = Existing::Unchecked)
{
    return u"ALTER TABLE %1 DROP CONSTRAINT IF EXISTS %1_text_is_safe, ADD CONSTRAINT %1_text_is_safe CHECK (%2)%3"_s.arg(
        table, textSafetyCheck(columns), existing == Existing::Unchecked ? u" NOT VALID"_s : QString());
}

QString tsDocument()
{
    // Headline weighs most (A), then dek (B), captions (C) and body (D),
    // as FTS5's bm25 weights do for an SQLite library.
    return u"setweight(to_tsvector('english', headline), 'A') || setweight(to_tsvector('english', dek), 'B') || "
           "setweight(to_tsvector('english', captions), 'C') || setweight(to_tsvector('english', body), 'D')"_s;
}

QString storySearchIndexStatement()
{
    return u"CREATE INDEX story_search_by_document ON story_search USING gin (document)"_s;
}

} // namespace

QStringList PostgresDialect::searchRebuildStatements(const QString &write)
{
    return {
        u"DROP INDEX IF EXISTS story_search_by_document"_s,
        write.isEmpty() ? u"INSERT INTO story_search (story_id) SELECT id FROM stories ORDER BY id"_s : write,
        // A GIN index builds fastest in memory (the default, 64 MB, spills
        // 100,000 stories' words to disk); for this transaction only.
        u"SET LOCAL maintenance_work_mem = '256MB'"_s,
        storySearchIndexStatement(),
    };
}

const SqlDialect &SqlDialect::postgres()
{
    static const PostgresDialect dialect;
    return dialect;
}

SqlDialect::ErrorKind PostgresDialect::errorKind(const QSqlError &error) const
{
    // QPSQL gives the SQLSTATE as the native error code.
    const QString state = error.nativeErrorCode();
    if (state == u"55P03"_s || state == u"40P01"_s)
        return ErrorKind::Busy;
    if (state == u"25006"_s)
        return ErrorKind::ReadOnly;
    if (state == u"42501"_s)
        return ErrorKind::PermissionDenied;
    if (state == u"XX001"_s || state == u"XX002"_s)
        return ErrorKind::Corrupt;
    if (state.startsWith(u"08"_s) || state == u"57P01"_s || state == u"57P02"_s || state == u"57P03"_s
        || (state.isEmpty() && error.type() == QSqlError::ConnectionError))
        return ErrorKind::ConnectionLost;
    return ErrorKind::Other;
}

QString PostgresDialect::beginWriteStatement() const
{
    return u"BEGIN"_s;
}

QString PostgresDialect::caseInsensitiveOrder(const QString &column) const
{
    return u"lower(%1)"_s.arg(column);
}

QString PostgresDialect::logCheckpointStatement() const
{
    return {};
}

QStringList PostgresDialect::maintenanceStatements() const
{
    return {u"ANALYZE newsdesk.stories"_s, u"ANALYZE newsdesk.story_search"_s};
}

QString PostgresDialect::lockSessionAliveExpression() const
{
    // Every role sees every session's pid in pg_stat_activity.
    return u"EXISTS (SELECT 1 FROM pg_stat_activity a WHERE a.pid = story_locks.backend_pid)"_s;
}

QString PostgresDialect::ftsUpsertStatement() const
{
    return u"INSERT INTO story_search (story_id, headline, dek, body, captions) VALUES (:id, :headline, :dek, :body, :captions) "
           "ON CONFLICT (story_id) DO UPDATE SET headline = excluded.headline, dek = excluded.dek, body = excluded.body, "
           "captions = excluded.captions"_s;
}

QString PostgresDialect::ftsDeleteStatement() const
{
    return u"DELETE FROM story_search WHERE story_id = :id"_s;
}

QString PostgresDialect::ftsSearchStatement() const
{
    // ts_rank's weights are {D, C, B, A}: body, captions, dek, headline.
    // Negated, so that smaller is better, as bm25 ranks. Ranked outside the
    // subquery that picks the newest :window matches: PostgreSQL computes a
    // select list before its ORDER BY … LIMIT, so ranked inside, every
    // match was ranked (each a detoasted document) whenever the GIN index
    // was used; 25,000 matches took 750 ms.
    return u"SELECT story_id, -ts_rank('{0.1, 0.2, 0.5, 1.0}'::real[], document, to_tsquery('english', :query)) AS rank "
           "FROM (SELECT story_id, document FROM story_search WHERE document @@ to_tsquery('english', :query)"
           "      ORDER BY story_id DESC LIMIT :window) AS newest "
           "ORDER BY rank LIMIT :limit"_s;
}

QString PostgresDialect::ftsSnippetsStatement(int idCount) const
{
    // ts_headline's default (one passage around the best cover) keeps the
    // sentence's own punctuation, as FTS5's snippet() does. It parses every
    // word of the text it is given (some 0.35 ms for a body of 4,500
    // characters, 25-30 bodies a search; far more for a long one), so it is
    // given as little text as will do:
    // - a text gets a passage only when its own part of the document
    //   (weights: A headline, B dek, C captions, D body) matches the query,
    //   the only case in which ts_headline marks anything;
    // - the body's passage is first made from some 700 characters around the
    //   first word that begins as one of the query's lexemes does (found
    //   by substring(), as regexp_instr() needs PostgreSQL 15; cut at whole
    //   words; a stem's
    //   final "i" dropped: "polici" stands for "policy"), and kept when it
    //   marks at least as many words as the query has lexemes; otherwise
    //   (the words lie apart there, or that word was another one) it is made
    //   from the whole body, as before;
    // - the dek's, captions' and headline's passages are made only for a
    //   story whose body shows no match, as only then is one of them shown
    //   (StoryRepository::snippets takes the first with a match).
    // MATERIALIZED, so that each passage is made once, not again in each
    // test of it.
    auto passage = [](const QString &text) { return u"ts_headline('english', %1, q.query, q.options)"_s.arg(text); };
    auto ifBodyShowsNone = [&](const QString &column, const QString &weight) {
        return u"CASE WHEN strpos(body_passage, chr(2)) = 0 AND ts_filter(document, '{%1}') @@ q.query THEN %2 ELSE '' END "
               "AS %3_passage"_s.arg(weight, passage(column), column);
    };
    return uR"sql(WITH q AS MATERIALIZED (SELECT t.query, l.lexeme_count, l.pattern,
  'StartSel="' || chr(2) || '", StopSel="' || chr(3) || '", MaxWords=14, MinWords=6' AS options
  FROM (SELECT to_tsquery('english', :query) AS query) AS t,
  LATERAL (SELECT count(*) AS lexeme_count,
      '(?i)^(.*?)\m(?:' || string_agg(regexp_replace(lexeme, '([^[:alnum:]])', '\\\1', 'g'), '|') || ')' AS pattern
    FROM (SELECT DISTINCT CASE WHEN length(m[1]) > 3 THEN regexp_replace(m[1], 'i$', '') ELSE m[1] END AS lexeme
      FROM regexp_matches(replace(querytree(t.query), '''''', chr(1)), '''([^'']+)''', 'g') AS m) AS lexemes) AS l),
hits AS MATERIALIZED (SELECT s.*, CASE WHEN in_body THEN coalesce(length(substring(body FROM q.pattern)) + 1, 0) ELSE 0 END AS first_at
  FROM (SELECT story_id, headline, dek, captions, body, document, ts_filter(document, '{d}') @@ q.query AS in_body
    FROM story_search, q WHERE document @@ q.query AND story_id BETWEEN :low AND :high AND story_id IN (%1)) AS s, q),
cuts AS MATERIALIZED (SELECT hits.*, CASE WHEN first_at > 0 THEN substr(body, greatest(first_at - 120, 1), 720) END AS cut FROM hits),
near AS MATERIALIZED (SELECT cuts.*, CASE WHEN first_at > 0 THEN %2 ELSE '' END AS near FROM cuts, q),
bodies AS MATERIALIZED (SELECT story_id, headline, dek, captions, document,
  CASE WHEN length(near) - length(replace(near, chr(2), '')) >= q.lexeme_count THEN near
    WHEN in_body THEN %3 ELSE '' END AS body_passage FROM near, q)
SELECT story_id, body_passage, %4, %5, %6 FROM bodies, q)sql"_s
        .arg(idParameterList(idCount), passage(u"regexp_replace(CASE WHEN first_at > 121 THEN regexp_replace(cut, '^\\S*\\s', '') ELSE cut END, "
                                             "CASE WHEN first_at + 599 < length(body) THEN '\\s\\S*$' ELSE '$^' END, '')"_s), passage(u"body"_s),
             ifBodyShowsNone(u"dek"_s, u"b"_s), ifBodyShowsNone(u"captions"_s, u"c"_s), ifBodyShowsNone(u"headline"_s, u"a"_s));
}

QString PostgresDialect::ftsQueryFromUserText(const QString &text) const
{
    // Every word a quoted lexeme of to_tsquery's syntax (backslashes escaped,
    // quotes doubled), never an operator.
    return searchQuery(
        text,
        [](const QString &word) -> QString { return u'\'' + QString(word).replace(u'\\', u"\\\\"_s).replace(u'\'', u"''"_s) + u'\''; },
        u":*", u" & ");
}

QString PostgresDialect::ftsQueryWithoutPrefix(const QString &) const
{
    // ts_headline parses the text whatever the query; a prefix costs nothing.
    return {};
}

QString PostgresDialect::photoSearchStatement() const
{
    // ts_rank's weights are {D, C, B, A}: caption words, place and
    // keywords, who shot it, VIRIN and date; negated, so smaller is better.
    return u"SELECT id AS photo_id, -ts_rank('{0.1, 0.3, 0.5, 1.0}'::real[], search_document, to_tsquery('english', :query)) AS rank "
           "FROM photos WHERE search_document @@ to_tsquery('english', :query)"_s;
}

QString PostgresDialect::serverMessage(const QSqlError &error)
{
    const QString text = error.databaseText().isEmpty() ? error.text() : error.databaseText();
    static const QRegularExpression label(u"^(ERROR|FATAL|DETAIL|HINT|CONTEXT):\\s*"_s);
    static const QRegularExpression code(u"^\\([0-9A-Z]{5}\\)$"_s);
    QStringList parts;
    for (QString line : text.split(u'\n', Qt::SkipEmptyParts)) {
        if (line.startsWith(u"CONTEXT:"_s) || line.startsWith(u"PL/pgSQL"_s))
            continue;
        line = line.trimmed().remove(label);
        if (!line.isEmpty() && !code.match(line).hasMatch())
            parts << line;
    }
    return parts.join(u". "_s);
}

// TextSafety::isForbidden as a regular expression's bracket expression, one
// range per run of forbidden code points. PostgreSQL text cannot hold NUL or
// a surrogate at all, so neither is asked about.
QString PostgresDialect::forbiddenCharacterClass()
{
    const auto escape = [](char32_t c) {
        return c > 0xFFFF ? u"\\U%1"_s.arg(uint(c), 8, 16, QLatin1Char('0')) : u"\\u%1"_s.arg(uint(c), 4, 16, QLatin1Char('0'));
    };
    QString ranges;
    for (char32_t c = 1; c <= 0x10FFFF; ++c) {
        if ((c >= 0xD800 && c <= 0xDFFF) || !TextSafety::isForbidden(c))
            continue;
        char32_t last = c;
        while (last < 0x10FFFF && TextSafety::isForbidden(last + 1) && !(last + 1 >= 0xD800 && last + 1 <= 0xDFFF))
            ++last;
        ranges += last == c ? escape(c) : escape(c) + u'-' + escape(last);
        c = last;
    }
    return u'[' + ranges + u']';
}

QString PostgresDialect::glossaryEntryCheck()
{
    // The characters QString::trimmed() takes off either end (a QChar each).
    QString spaces;
    for (char16_t c = 1; c < 0xD800; ++c) {
        if (QChar(c).isSpace())
            spaces += u"\\u%1"_s.arg(uint(c), 4, 16, QLatin1Char('0'));
    }
    for (char32_t c = 0xE000; c <= 0xFFFF; ++c) {
        if (QChar(char16_t(c)).isSpace())
            spaces += u"\\u%1"_s.arg(uint(c), 4, 16, QLatin1Char('0'));
    }
    // Glossary::isCodeCharacter: ASCII letters and digits, '-' and '_'.
    return u"char_length(code) <= %1 AND code ~ '^[A-Za-z0-9_-]*$' "
           "AND char_length(text) + char_length(regexp_replace(text, '[^\\U00010000-\\U0010FFFF]', '', 'g')) <= %2 "
           "AND text <> '' AND strpos(text, chr(9)) = 0 AND text !~ '^[%3]|[%3]$' "
           "AND text_is_safe(text, false)"_s.arg(Glossary::maxCodeLength).arg(Glossary::maxTextLength).arg(spaces);
}

QString PostgresDialect::slugCheck()
{
    return u"char_length(slug) <= %1 AND slug ~ %2"_s.arg(MaxSlugLength).arg(literal(slugPattern()));
}

QStringList PostgresDialect::migrationStatements(int from)
{
    const QString writer = QString::fromLatin1(writerRole);
    switch (from) {
    case 1: {
        // The photo desk (issue 15): DVIDS's Command Shown, the photographer's
        // contact, the decorative choice, and the shared metadata templates.
        QStringList statements{
            u"ALTER TABLE photos ADD COLUMN IF NOT EXISTS command_shown text NOT NULL DEFAULT ''"_s,
            u"ALTER TABLE photos ADD COLUMN IF NOT EXISTS creator_email text NOT NULL DEFAULT ''"_s,
            u"ALTER TABLE photos ADD COLUMN IF NOT EXISTS creator_phone text NOT NULL DEFAULT ''"_s,
            u"ALTER TABLE photos ADD COLUMN IF NOT EXISTS decorative boolean NOT NULL DEFAULT false"_s,
            // Text of a photo, as the others: a writer's to write.
            u"GRANT INSERT (command_shown, creator_email, creator_phone, decorative), "
            "UPDATE (command_shown, creator_email, creator_phone, decorative) ON photos TO %1"_s.arg(writer),
            // The functions naming every reviewed field, which now has four more.
            stampPhotoFunction(),
            recordCaptionResetFunction(),
            decideCaptionFunction(),
        };
        statements << photoTemplateStatements();
        // The library's glossary, and the media archive's search (issue 15).
        statements << glossaryStatements() << photoSearchStatements();
        // And the server holds library text to TextSafety's rule, as
        // the repositories do, so a client over a raw connection (psql)
        // cannot store a control character, a bidirectional override or a
        // line break in a single-line field either (the templates and the
        // glossary, new in this step, are checked whole). Like the rest of
        // the step, it can run again without harm.
        const auto columns = [](const QStringList &singleLine, const QStringList &multiLine) {
            QList<TextSafety::Column> list;
            for (const QString &column : singleLine)
                list << TextSafety::Column{column, TextSafety::Lines::Single};
            for (const QString &column : multiLine)
                list << TextSafety::Column{column, TextSafety::Lines::Multi};
            return list;
        };
        statements << QStringList{
            textIsSafeFunction(),
            textSafetyConstraint(u"stories"_s, TextSafety::storyColumns()),
            textSafetyConstraint(u"photos"_s, TextSafety::photoColumns()),
            textSafetyConstraint(u"photo_templates"_s,
                                 columns({u"name"_s, u"photographer"_s, u"unit"_s, u"credit"_s, u"operation"_s, u"city"_s,
                                          u"sublocation"_s, u"state"_s, u"country"_s, u"country_code"_s,
                                          u"release_authority"_s, u"command_shown"_s, u"creator_email"_s, u"creator_phone"_s},
                                         {u"keywords"_s}),
                                 Existing::Validated),
            textSafetyConstraint(u"glossary"_s, columns({u"code"_s, u"text"_s}, {}), Existing::Validated),
            textSafetyConstraint(u"comments"_s, columns({}, {u"body"_s})),
            textSafetyConstraint(u"person_records"_s, columns({u"name"_s, u"title"_s}, {})),
            textSafetyConstraint(u"library_settings"_s, columns({u"value"_s}, {})),
        };
        return statements;
    }
    case 2:
        // Every desk hears of a glossary change as it happens (Library's
        // glossaryChanged), as of stories and photos: a code one desk adds
        // expands on the others at once, not at their next story.
        //
        // The list's search walks the newest stories, testing each one's
        // document against the query, and ranks the newest matches by
        // it. A story's document (some 6 kB for 4,500 characters of body)
        // was kept out of line, so every test fetched it from the TOAST
        // table through its index: most of a search's time at 100,000
        // stories. MAIN keeps it in the row (moved out only when the row
        // would not fit a page); the body, which only the passages read,
        // stays out of line. Every row is written again so that documents
        // stored before move in too (the trigger makes the copy anew from
        // its story, as any write does), with the index built after, as
        // copy-library does. All of it may run again.
        return QStringList{
                   u"CREATE OR REPLACE TRIGGER glossary_notify AFTER INSERT OR UPDATE OR DELETE ON glossary FOR EACH ROW "
                   "EXECUTE FUNCTION notify_change()"_s,
                   u"ALTER TABLE story_search ALTER COLUMN document SET STORAGE MAIN"_s,
               }
            << searchRebuildStatements(u"UPDATE story_search SET headline = headline"_s);
    case 3: {
        // What a writer with psql could still do (issue 13's promise that the
        // server holds them to the rules): the functions that run in a
        // client's own statement are made immune to its search_path (see
        // nowTextFunction), and the text a client writes beside stories and
        // photos is held to TextSafety as the repositories clean it: an audit
        // entry's detail (Library::audit; through newsdesk.audit() or a
        // transition's comment), a caption decision's comment, an accepted
        // name, an edit lock's host and session (shown in "… is editing
        // this story on HOST"), an image's type. NOT VALID, as format 2's
        // checks: rows written before are not re-read. A story's and a
        // photo's dates become the server's, as a comment's are. May run
        // again.
        using TextSafety::Lines;
        return QStringList{
            // And a story's and a photo's dates are the server's clock's.
            stampStoryFunction(),
            stampPhotoFunction(),
            nowTextFunction(),
            callerRoleFunction(),
            inServerFunctionFunction(),
            textIsSafeFunction(),
            textSafetyConstraint(u"audit_log"_s, {{u"action"_s, Lines::Single}, {u"entity"_s, Lines::Single}, {u"detail"_s, Lines::Multi}}),
            textSafetyConstraint(u"caption_approvals"_s, {{u"comment"_s, Lines::Multi}}),
            textSafetyConstraint(u"story_names"_s, {{u"name"_s, Lines::Single}}),
            textSafetyConstraint(u"story_locks"_s, {{u"session"_s, Lines::Single}, {u"holder"_s, Lines::Single}, {u"host"_s, Lines::Single},
                                    {u"process_started"_s, Lines::Single}, {u"acquired_at"_s, Lines::Single},
                                    {u"heartbeat_at"_s, Lines::Single}}),
            textSafetyConstraint(u"images"_s, {{u"mime_type"_s, Lines::Single}, {u"created_at"_s, Lines::Single}}),
            // Anyone may add a glossary entry, and it expands into every
            // desk's captions: held to Glossary::problem(), as the
            // repository holds it (a code that could never be typed, a
            // tab, 100,000 characters were a writer's to store).
            u"ALTER TABLE glossary DROP CONSTRAINT IF EXISTS glossary_is_an_entry, "
            "ADD CONSTRAINT glossary_is_an_entry CHECK ("_s + glossaryEntryCheck() + u") NOT VALID"_s,
            // A slug names the editor's export folder and goes into the
            // article's address: a writer's "../../.config/autostart" was
            // one (isSlug; the desks also refuse to use an older row's).
            // A trigger on the slug alone, not a CHECK: PostgreSQL checks a
            // NOT VALID CHECK on every later UPDATE of a row, so a story
            // whose older slug is not one could no longer be saved at all.
            u"ALTER TABLE stories DROP CONSTRAINT IF EXISTS stories_slug_is_a_slug"_s,
            u"CREATE OR REPLACE FUNCTION hold_slug() RETURNS trigger LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp AS $$\n"
            "BEGIN\n"
            "  IF NOT coalesce((SELECT "_s + slugCheck() + u" FROM (SELECT NEW.slug AS slug) AS story), false) THEN\n"
            "    RAISE EXCEPTION 'new row for relation \"stories\" violates stories_slug_is_a_slug' "
            "USING ERRCODE = 'check_violation', TABLE = 'stories', CONSTRAINT = 'stories_slug_is_a_slug';\n"
            "  END IF;\n"
            "  RETURN NEW;\n"
            "END $$"_s,
            u"REVOKE ALL ON FUNCTION hold_slug() FROM PUBLIC"_s,
            u"CREATE OR REPLACE TRIGGER stories_slug_is_a_slug BEFORE INSERT OR UPDATE OF slug ON stories FOR EACH ROW "
            "EXECUTE FUNCTION hold_slug()"_s,
        } + lockTakeOverStatements();
    }
    default:
        return {};
    }
}

QStringList PostgresDialect::ruleStatements()
{
    return {
        u"DELETE FROM newsdesk.transitions"_s,
        u"INSERT INTO newsdesk.transitions (action, from_status, to_status, writer_may, needs_comment) VALUES\n"_s
            + transitionRows(),
        u"DELETE FROM newsdesk.story_rules"_s,
        u"INSERT INTO newsdesk.story_rules (kind, status, role, allowed) VALUES\n"_s + storyRuleRows(),
        u"DELETE FROM newsdesk.audit_actions"_s,
        u"INSERT INTO newsdesk.audit_actions (action, entity, editor_only) VALUES\n"_s + auditActionRows(),
    };
}

QStringList PostgresDialect::setupStatements()
{
    const QList<std::pair<QString, QString>> names{
        {u"WRITER"_s, QString::fromLatin1(writerRole)},
        {u"EDITOR"_s, QString::fromLatin1(editorRole)},
        {u"STALE"_s, QString::fromLatin1(staleCopyState)},
    };
    auto sql = [&](const QString &text) { return fill(text, names); };

    QStringList statements{
        u"CREATE SCHEMA newsdesk"_s,
        // Roles are the cluster's, not the database's: create them only once.
        sql(u"DO $$ BEGIN\n"
            "  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '{WRITER}') THEN CREATE ROLE {WRITER} NOLOGIN; END IF;\n"
            "  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '{EDITOR}') THEN CREATE ROLE {EDITOR} NOLOGIN; END IF;\n"
            "END $$"_s),
        sql(u"GRANT {WRITER} TO {EDITOR}"_s),
        u"REVOKE ALL ON SCHEMA newsdesk FROM PUBLIC"_s,
        sql(u"GRANT USAGE ON SCHEMA newsdesk TO {WRITER}"_s),
        // For the rest of setting up (the connection is the administrator's).
        u"SET search_path = newsdesk, pg_temp"_s,

        u"CREATE TABLE library_info (key text PRIMARY KEY, value text NOT NULL)"_s,
        // Format 1; TeamSetup::setUp migrates it to currentSchemaVersion.
        u"INSERT INTO library_info (key, value) VALUES ('schema_version', '1')"_s,

        // Times are text, as an SQLite library keeps them (UTC, ISO 8601
        // with milliseconds), so that a library copies losslessly between
        // the engines and sorts the same.
        nowTextFunction(),

        // Who is who: the login role a person connects as. Their role is not
        // stored: it is their membership of the editor group role, which is
        // what the server checks.
        u"CREATE TABLE person_records ("
        "  id bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,"
        "  login text NOT NULL UNIQUE,"
        "  name text NOT NULL UNIQUE,"
        "  title text NOT NULL DEFAULT '',"
        "  created_at text NOT NULL DEFAULT now_text())"_s,
        sql(u"CREATE VIEW people AS SELECT r.id, r.name, r.title, r.login, r.created_at,"
            "  CASE WHEN coalesce((SELECT pg_has_role(a.oid, '{EDITOR}', 'MEMBER') FROM pg_roles a WHERE a.rolname = r.login), false)"
            "  THEN 'editor' ELSE 'writer' END AS role FROM person_records r"_s),

        // The caller, as the audit log and every "by" column name them: the
        // person whose login the connection authenticated as.
        u"CREATE FUNCTION current_person() RETURNS text LANGUAGE sql STABLE SECURITY DEFINER "
        "SET search_path = newsdesk, pg_temp AS $$\n"
        "  SELECT coalesce((SELECT name FROM person_records WHERE login = session_user), session_user::text) $$"_s,
        callerRoleFunction(),
        inServerFunctionFunction(),

        // A client may leave a "by" column out or name the caller in it; naming
        // anyone else is refused (the triggers then write the caller's person).
        u"CREATE FUNCTION check_signature(p_given text, p_kept text) RETURNS void LANGUAGE plpgsql "
        "SET search_path = newsdesk, pg_temp AS $$\n"
        "BEGIN\n"
        "  IF coalesce(p_given, '') NOT IN ('', current_person(), coalesce(p_kept, '')) THEN\n"
        "    RAISE EXCEPTION 'You sign as yourself (%), not as %.', current_person(), p_given USING ERRCODE = 'insufficient_privilege';\n"
        "  END IF;\n"
        "END $$"_s,

        u"CREATE TABLE stories ("
        "  id bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,"
        "  slug text NOT NULL UNIQUE,"
        "  headline text NOT NULL DEFAULT '',"
        "  dek text NOT NULL DEFAULT '',"
        "  byline text NOT NULL DEFAULT '',"
        "  dateline text NOT NULL DEFAULT '',"
        "  body text NOT NULL DEFAULT '',"
        "  status text NOT NULL DEFAULT 'draft' "_s + statusCheck() + u","
        "  created_at text NOT NULL,"
        "  created_by text NOT NULL DEFAULT '',"
        "  updated_at text NOT NULL,"
        "  updated_by text NOT NULL DEFAULT '',"
        "  row_version bigint NOT NULL DEFAULT 1,"
        "  correction_note text NOT NULL DEFAULT '',"
        "  embargo_until text NOT NULL DEFAULT '',"
        "  published_at text NOT NULL DEFAULT '')"_s,
        u"CREATE INDEX stories_by_updated ON stories (updated_at DESC, id DESC)"_s,
        u"CREATE INDEX stories_by_headline ON stories (lower(headline), id)"_s,
        u"CREATE INDEX stories_by_status ON stories (status, updated_at DESC)"_s,

        u"CREATE TABLE images ("
        "  hash text PRIMARY KEY,"
        "  data bytea NOT NULL,"
        "  mime_type text NOT NULL DEFAULT '',"
        "  width integer NOT NULL DEFAULT 0,"
        "  height integer NOT NULL DEFAULT 0,"
        "  byte_size bigint NOT NULL DEFAULT 0,"
        "  created_at text NOT NULL,"
        // An image is kept under the hash of its own bytes
        // (PhotoRepository::hashOf), so nobody can store other bytes under
        // the hash of a photo the desk is about to bring in, to go out in
        // its place: photos name their image by that hash.
        "  CHECK (hash = encode(sha256(data), 'hex') AND byte_size = octet_length(data)))"_s,

        u"CREATE TABLE photos ("
        "  id bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,"
        "  image_hash text REFERENCES images (hash),"
        "  thumbnail bytea,"
        "  file_name text NOT NULL DEFAULT '',"
        "  virin text NOT NULL DEFAULT '',"
        "  title text NOT NULL DEFAULT '',"
        "  caption text NOT NULL DEFAULT '',"
        "  alt_text text NOT NULL DEFAULT '',"
        "  credit text NOT NULL DEFAULT '',"
        "  photographer text NOT NULL DEFAULT '',"
        "  unit text NOT NULL DEFAULT '',"
        "  operation text NOT NULL DEFAULT '',"
        "  date_shot text NOT NULL DEFAULT '',"
        "  city text NOT NULL DEFAULT '',"
        "  sublocation text NOT NULL DEFAULT '',"
        "  state text NOT NULL DEFAULT '',"
        "  country text NOT NULL DEFAULT '',"
        "  country_code text NOT NULL DEFAULT '',"
        "  keywords text NOT NULL DEFAULT '',"
        "  release_state text NOT NULL DEFAULT 'not_reviewed'"
        "    CHECK (release_state IN ('not_reviewed', 'released', 'not_released')),"
        "  release_authority text NOT NULL DEFAULT '',"
        "  caption_writer text NOT NULL DEFAULT '',"
        "  approval_state text NOT NULL DEFAULT 'pending'"
        "    CHECK (approval_state IN ('pending', 'approved', 'changes_requested')),"
        "  created_at text NOT NULL,"
        "  updated_at text NOT NULL,"
        "  updated_by text NOT NULL DEFAULT '',"
        "  row_version bigint NOT NULL DEFAULT 1)"_s,
        u"CREATE INDEX photos_by_virin ON photos (virin)"_s,

        u"CREATE TABLE story_photos ("
        "  story_id bigint NOT NULL REFERENCES stories (id) ON DELETE CASCADE,"
        "  photo_id bigint NOT NULL REFERENCES photos (id) ON DELETE CASCADE,"
        "  position integer NOT NULL,"
        "  PRIMARY KEY (story_id, photo_id))"_s,
        u"CREATE INDEX story_photos_by_photo ON story_photos (photo_id)"_s,

        u"CREATE TABLE caption_approvals ("
        "  id bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,"
        "  photo_id bigint NOT NULL REFERENCES photos (id) ON DELETE CASCADE,"
        "  decision text NOT NULL CHECK (decision IN ('approved', 'changes_requested')),"
        "  caption text NOT NULL,"
        "  alt_text text NOT NULL,"
        "  reviewed text,"
        "  comment text NOT NULL DEFAULT '',"
        "  decided_by text NOT NULL,"
        "  decided_at text NOT NULL)"_s,
        u"CREATE INDEX caption_approvals_by_photo ON caption_approvals (photo_id, id)"_s,

        u"CREATE TABLE revisions ("
        "  id bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,"
        "  story_id bigint NOT NULL REFERENCES stories (id) ON DELETE CASCADE,"
        "  row_version bigint NOT NULL,"
        "  kind text NOT NULL CHECK (kind IN ('save', 'autosave', 'restore', 'import')),"
        "  headline text NOT NULL,"
        "  dek text NOT NULL,"
        "  byline text NOT NULL,"
        "  dateline text NOT NULL,"
        "  body text NOT NULL,"
        "  correction_note text,"
        "  status text NOT NULL,"
        "  created_at text NOT NULL,"
        "  created_by text NOT NULL)"_s,
        u"CREATE INDEX revisions_by_story ON revisions (story_id, id DESC)"_s,

        u"CREATE TABLE audit_log ("
        "  id bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,"
        "  at text NOT NULL DEFAULT now_text(),"
        "  actor text NOT NULL DEFAULT current_person(),"
        "  action text NOT NULL,"
        "  entity text NOT NULL,"
        "  entity_id bigint,"
        "  detail text NOT NULL DEFAULT '')"_s,
        u"CREATE INDEX audit_log_by_entity ON audit_log (entity, entity_id, id)"_s,

        u"CREATE TABLE comments ("
        "  id bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,"
        "  entity text NOT NULL CHECK (entity IN ('story', 'photo')),"
        "  entity_id bigint NOT NULL,"
        "  body text NOT NULL,"
        "  author text NOT NULL,"
        "  created_at text NOT NULL)"_s,
        u"CREATE INDEX comments_by_entity ON comments (entity, entity_id, id)"_s,

        // A lock belongs to the database session that took it (backend_pid,
        // which the server writes): when that session ends — the desk quit,
        // crashed or lost its connection — the lock is free at once.
        u"CREATE TABLE story_locks ("
        "  story_id bigint PRIMARY KEY REFERENCES stories (id) ON DELETE CASCADE,"
        "  backend_pid integer NOT NULL DEFAULT pg_backend_pid(),"
        "  session text NOT NULL,"
        "  holder text NOT NULL,"
        "  host text NOT NULL,"
        "  pid bigint NOT NULL,"
        "  process_started text NOT NULL DEFAULT '',"
        "  acquired_at text NOT NULL,"
        "  heartbeat_at text NOT NULL)"_s,

        u"CREATE TABLE story_names ("
        "  story_id bigint NOT NULL REFERENCES stories (id) ON DELETE CASCADE,"
        "  name text NOT NULL,"
        "  PRIMARY KEY (story_id, name))"_s,

        u"CREATE TABLE library_settings (key text PRIMARY KEY, value text NOT NULL)"_s,


        // The search copy of each story's text, its document kept by the
        // server; GIN finds the stories that hold every word of a query.
        u"CREATE TABLE story_search ("
        "  story_id bigint PRIMARY KEY REFERENCES stories (id) ON DELETE CASCADE,"
        "  headline text NOT NULL DEFAULT '',"
        "  dek text NOT NULL DEFAULT '',"
        "  body text NOT NULL DEFAULT '',"
        "  captions text NOT NULL DEFAULT '',"
        "  document tsvector GENERATED ALWAYS AS ("_s + tsDocument() + u") STORED)"_s,
        storySearchIndexStatement(),

        // The rules, as models/ states them (see the functions above).
        u"CREATE TABLE transitions ("
        "  action text NOT NULL,"
        "  from_status text NOT NULL,"
        "  to_status text NOT NULL,"
        "  writer_may boolean NOT NULL,"
        "  needs_comment boolean NOT NULL,"
        "  PRIMARY KEY (action, from_status))"_s,
        u"CREATE TABLE story_rules ("
        "  kind text NOT NULL CHECK (kind IN ('create', 'edit', 'delete', 'place')),"
        "  status text NOT NULL,"
        "  role text NOT NULL,"
        "  allowed boolean NOT NULL,"
        "  PRIMARY KEY (kind, status, role))"_s,
        u"CREATE TABLE audit_actions ("
        "  action text NOT NULL,"
        "  entity text NOT NULL,"
        "  editor_only boolean NOT NULL,"
        "  PRIMARY KEY (action, entity))"_s,

        // Every "by" column is the caller's person, every date the server's.
        stampStoryFunction(),
        u"CREATE TRIGGER stories_stamp BEFORE INSERT OR UPDATE OR DELETE ON stories FOR EACH ROW EXECUTE FUNCTION stamp_story()"_s,

        stampPhotoFunction(),
        u"CREATE TRIGGER photos_stamp BEFORE INSERT OR UPDATE ON photos FOR EACH ROW EXECUTE FUNCTION stamp_photo()"_s,
        recordCaptionResetFunction(),
        u"CREATE TRIGGER photos_caption_reset AFTER UPDATE ON photos FOR EACH ROW EXECUTE FUNCTION record_caption_reset()"_s,

        // A deletion takes the story's history with it (the cascade), so the
        // audit log must keep that it happened, whoever deleted it and however:
        // the server writes the entry, with the owner's rights.
        u"CREATE FUNCTION record_story_delete() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER "
        "SET search_path = newsdesk, pg_temp AS $$\n"
        "BEGIN\n"
        "  INSERT INTO audit_log (action, entity, entity_id) VALUES ('delete', 'story', OLD.id);\n"
        "  RETURN NULL;\n"
        "END $$"_s,
        u"CREATE TRIGGER stories_record_delete AFTER DELETE ON stories FOR EACH ROW EXECUTE FUNCTION record_story_delete()"_s,

        // An embargo holds a story back from export; anyone on the desk may
        // set or lift one (Review ▸ Embargo…), so the log must say who did,
        // however it was changed.
        u"CREATE FUNCTION record_embargo() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER "
        "SET search_path = newsdesk, pg_temp AS $$\n"
        "BEGIN\n"
        "  IF NEW.embargo_until IS DISTINCT FROM OLD.embargo_until THEN\n"
        "    INSERT INTO audit_log (action, entity, entity_id, detail)\n"
        "      VALUES ('embargo', 'story', NEW.id, coalesce(nullif(NEW.embargo_until, ''), 'none'));\n"
        "  END IF;\n"
        "  RETURN NULL;\n"
        "END $$"_s,
        u"CREATE TRIGGER stories_record_embargo AFTER UPDATE OF embargo_until ON stories FOR EACH ROW "
        "EXECUTE FUNCTION record_embargo()"_s,

        // History is written, not rewritten: only the writer's own latest
        // autosave is updated in place (StoryRepository coalesces them).
        // A client writes a revision only as a copy of the story as it is
        // stored, in the transaction that stored it (StoryRepository does):
        // else a writer could plant text in any story's history, say as the
        // last approved or published version an editor compares against.
        u"CREATE FUNCTION stamp_revision() RETURNS trigger LANGUAGE plpgsql "
        "SET search_path = newsdesk, pg_temp AS $$\n"
        "DECLARE\n"
        "  v_story stories;\n"
        "BEGIN\n"
        "  IF in_server_function() THEN RETURN NEW; END IF;\n"
        "  IF TG_OP = 'UPDATE' AND (OLD.kind <> 'autosave' OR NEW.kind <> 'autosave' OR OLD.created_by <> current_person()\n"
        "                           OR NEW.story_id <> OLD.story_id) THEN\n"
        "    RAISE EXCEPTION 'A story''s history cannot be changed.' USING ERRCODE = 'insufficient_privilege';\n"
        "  END IF;\n"
        "  SELECT * INTO v_story FROM stories WHERE id = NEW.story_id;\n"
        "  IF NEW.status IS DISTINCT FROM v_story.status THEN\n"
        "    RAISE EXCEPTION 'A revision records the story''s status as it is.' USING ERRCODE = 'check_violation';\n"
        "  END IF;\n"
        "  IF NEW.row_version IS DISTINCT FROM v_story.row_version OR "_s + storyTextDiffers(u"NEW"_s, u"v_story"_s) + u" THEN\n"
        "    RAISE EXCEPTION 'A revision records the story as it is stored, not other text.' USING ERRCODE = 'insufficient_privilege';\n"
        "  END IF;\n"
        "  PERFORM check_signature(NEW.created_by, NULL);\n"
        "  NEW.created_by := current_person();\n"
        "  RETURN NEW;\n"
        "END $$"_s,
        u"CREATE TRIGGER revisions_stamp BEFORE INSERT OR UPDATE ON revisions FOR EACH ROW EXECUTE FUNCTION stamp_revision()"_s,

        u"CREATE FUNCTION stamp_comment() RETURNS trigger LANGUAGE plpgsql "
        "SET search_path = newsdesk, pg_temp AS $$\n"
        "BEGIN\n"
        "  IF in_server_function() THEN RETURN NEW; END IF;\n"
        "  PERFORM check_signature(NEW.author, NULL);\n"
        "  NEW.author := current_person();\n"
        // When, too: a thread reads in time order, and a comment dated
        // before an editor's decision would seem to have been answered.
        "  NEW.created_at := now_text();\n"
        "  RETURN NEW;\n"
        "END $$"_s,
        u"CREATE TRIGGER comments_stamp BEFORE INSERT ON comments FOR EACH ROW EXECUTE FUNCTION stamp_comment()"_s,

        // A story's search copy is its own text and its photos' titles and
        // captions, as StoryRepository::writeSearchCopy writes them, whatever
        // a client sends: else a writer could make a published story show
        // passages it does not hold, or hide it from search.
        u"CREATE FUNCTION stamp_search_copy() RETURNS trigger LANGUAGE plpgsql "
        "SET search_path = newsdesk, pg_temp AS $$\n"
        "BEGIN\n"
        "  IF TG_OP = 'DELETE' THEN\n"
        "    IF NOT in_server_function() AND EXISTS (SELECT 1 FROM stories WHERE id = OLD.story_id) THEN\n"
        "      RAISE EXCEPTION 'A story''s search copy goes only with the story.' USING ERRCODE = 'insufficient_privilege';\n"
        "    END IF;\n"
        "    RETURN OLD;\n"
        "  END IF;\n"
        "  SELECT s.headline, s.dek, s.body INTO NEW.headline, NEW.dek, NEW.body FROM stories s WHERE s.id = NEW.story_id;\n"
        "  NEW.captions := coalesce((SELECT string_agg(p.title || E'\\n' || p.caption, E'\\n' ORDER BY sp.position)\n"
        "                            FROM story_photos sp JOIN photos p ON p.id = sp.photo_id WHERE sp.story_id = NEW.story_id), '');\n"
        "  RETURN NEW;\n"
        "END $$"_s,
        u"CREATE TRIGGER story_search_stamp BEFORE INSERT OR UPDATE OR DELETE ON story_search FOR EACH ROW "
        "EXECUTE FUNCTION stamp_search_copy()"_s,

        // The audit entries a client writes beside its own changes; never
        // one the server's functions write, and an editor's only by an editor.
        u"CREATE FUNCTION audit(p_action text, p_entity text, p_entity_id bigint, p_detail text DEFAULT '')\n"
        "RETURNS void LANGUAGE plpgsql SECURITY DEFINER SET search_path = newsdesk, pg_temp AS $$\n"
        "DECLARE\n"
        "  v_editor_only boolean;\n"
        "BEGIN\n"
        "  IF caller_role() IS NULL THEN\n"
        "    RAISE EXCEPTION 'You are not among this library''s people.' USING ERRCODE = 'insufficient_privilege';\n"
        "  END IF;\n"
        "  SELECT editor_only INTO v_editor_only FROM audit_actions WHERE action = p_action AND entity = p_entity;\n"
        "  IF NOT FOUND THEN\n"
        "    RAISE EXCEPTION 'The audit log records \"%\" of a % only as the server makes that change.', p_action, p_entity\n"
        "      USING ERRCODE = 'insufficient_privilege';\n"
        "  END IF;\n"
        "  IF v_editor_only AND caller_role() <> 'editor' THEN\n"
        "    RAISE EXCEPTION 'Only an editor may %.', p_action USING ERRCODE = 'insufficient_privilege';\n"
        "  END IF;\n"
        "  INSERT INTO audit_log (action, entity, entity_id, detail) VALUES (p_action, p_entity, p_entity_id, coalesce(p_detail, ''));\n"
        "END $$"_s,

        // Which photos a story shows is part of what its approval covers
        // (Workflow::checkPlacement): placing, removing and reordering them
        // follow the story's status as its text does.
        u"CREATE FUNCTION guard_placement() RETURNS trigger LANGUAGE plpgsql SET search_path = newsdesk, pg_temp AS $$\n"
        "DECLARE\n"
        "  v_story bigint := CASE TG_OP WHEN 'DELETE' THEN OLD.story_id ELSE NEW.story_id END;\n"
        "  v_status text;\n"
        "BEGIN\n"
        "  IF in_server_function() THEN RETURN coalesce(NEW, OLD); END IF;\n"
        "  SELECT status INTO v_status FROM stories WHERE id = v_story;\n"
        "  -- A story being deleted takes its placements with it.\n"
        "  IF FOUND AND NOT coalesce((SELECT allowed FROM story_rules WHERE kind = 'place' AND status = v_status\n"
        "                             AND role = caller_role()), false) THEN\n"
        "    RAISE EXCEPTION 'The story is %: you may not change its photos now.', v_status\n"
        "      USING ERRCODE = 'insufficient_privilege';\n"
        "  END IF;\n"
        "  IF TG_OP = 'UPDATE' AND (NEW.story_id <> OLD.story_id OR NEW.photo_id <> OLD.photo_id) THEN\n"
        "    RAISE EXCEPTION 'A placement moves by being removed and made again.' USING ERRCODE = 'insufficient_privilege';\n"
        "  END IF;\n"
        "  RETURN coalesce(NEW, OLD);\n"
        "END $$"_s,
        u"CREATE TRIGGER story_photos_guard BEFORE INSERT OR UPDATE OR DELETE ON story_photos FOR EACH ROW "
        "EXECUTE FUNCTION guard_placement()"_s,

        // Nobody takes or drops a lock a live session of someone else holds
        // (an editor may: taking a story over is theirs, and is audited).
        u"CREATE FUNCTION guard_lock() RETURNS trigger LANGUAGE plpgsql SET search_path = newsdesk, pg_temp AS $$\n"
        "DECLARE\n"
        "  v_holder_alive boolean;\n"
        "BEGIN\n"
        "  IF TG_OP <> 'INSERT' AND OLD.backend_pid <> pg_backend_pid() THEN\n"
        "    v_holder_alive := EXISTS (SELECT 1 FROM pg_stat_activity a WHERE a.pid = OLD.backend_pid);\n"
        "    IF v_holder_alive AND caller_role() IS DISTINCT FROM 'editor' THEN\n"
        "      RAISE EXCEPTION '% is editing this story.', OLD.holder USING ERRCODE = 'insufficient_privilege';\n"
        "    END IF;\n"
        "  END IF;\n"
        "  IF TG_OP = 'DELETE' THEN RETURN OLD; END IF;\n"
        "  PERFORM check_signature(NEW.holder, NULL);\n"
        "  NEW.holder := current_person();\n"
        "  NEW.backend_pid := pg_backend_pid();\n"
        "  RETURN NEW;\n"
        "END $$"_s,
        u"CREATE TRIGGER story_locks_guard BEFORE INSERT OR UPDATE OR DELETE ON story_locks FOR EACH ROW "
        "EXECUTE FUNCTION guard_lock()"_s,

        // Every desk's window hears of every change (Library listens on a
        // connection of its own), with the row's version (stories and photos)
        // and the changing connection's backend pid, so that it can skip its own.
        // Its own search path too: it fires as the owner inside the server's
        // functions, and to_jsonb() must not resolve to a caller's overload.
        u"CREATE FUNCTION notify_change() RETURNS trigger LANGUAGE plpgsql SET search_path = newsdesk, pg_temp AS $$\n"
        "DECLARE\n"
        "  r jsonb := CASE TG_OP WHEN 'DELETE' THEN to_jsonb(OLD) ELSE to_jsonb(NEW) END;\n"
        "BEGIN\n"
        "  PERFORM pg_notify('"_s + QString::fromLatin1(changesChannel) + u"', json_build_object('table', TG_TABLE_NAME,\n"
        "    'id', coalesce(r->>'photo_id', r->>'story_id', r->>'entity_id', r->>'id'), 'version', r->>'row_version',\n"
        "    'pid', pg_backend_pid())::text);\n"
        "  RETURN NULL;\n"
        "END $$"_s,
        // The one way a story's status changes; the caller's copy must be the
        // stored version (else STALE, a conflict). SECURITY DEFINER runs it
        // with the owner's rights; session_user stays the caller's login.
        sql(u"CREATE FUNCTION transition(p_story bigint, p_row_version bigint, p_action text, p_comment text DEFAULT '')\n"
            "RETURNS bigint LANGUAGE plpgsql SECURITY DEFINER SET search_path = newsdesk, pg_temp AS $$\n"
            "DECLARE\n"
            "  v_rule transitions;\n"
            "  v_story stories;\n"
            "  v_now text := now_text();\n"
            "  v_comment text := btrim(coalesce(p_comment, ''));\n"
            "  v_detail text;\n"
            "BEGIN\n"
            "  IF caller_role() IS NULL THEN\n"
            "    RAISE EXCEPTION 'You are not among this library''s people.' USING ERRCODE = 'insufficient_privilege';\n"
            "  END IF;\n"
            "  SELECT * INTO v_story FROM stories WHERE id = p_story FOR UPDATE;\n"
            "  IF NOT FOUND THEN\n"
            "    RAISE EXCEPTION 'There is no story %.', p_story USING ERRCODE = 'no_data_found';\n"
            "  END IF;\n"
            "  IF p_row_version IS NOT NULL AND v_story.row_version <> p_row_version THEN\n"
            "    RAISE EXCEPTION '\"%\" was changed by % since you opened it; look at their changes first.',\n"
            "      v_story.headline, v_story.updated_by USING ERRCODE = '{STALE}';\n"
            "  END IF;\n"
            "  SELECT * INTO v_rule FROM transitions WHERE action = p_action AND from_status = v_story.status;\n"
            "  IF NOT FOUND THEN\n"
            "    RAISE EXCEPTION 'A story that is % cannot be given \"%\".', v_story.status, p_action USING ERRCODE = 'check_violation';\n"
            "  END IF;\n"
            "  IF NOT v_rule.writer_may AND caller_role() <> 'editor' THEN\n"
            "    RAISE EXCEPTION 'Only an editor may % a story.', p_action USING ERRCODE = 'insufficient_privilege';\n"
            "  END IF;\n"
            "  IF v_rule.needs_comment AND v_comment = '' THEN\n"
            "    RAISE EXCEPTION '\"%\" needs a comment.', p_action USING ERRCODE = 'check_violation';\n"
            "  END IF;\n"
            "  UPDATE stories SET status = v_rule.to_status,\n"
            "         correction_note = CASE WHEN p_action = 'correct' THEN v_comment ELSE correction_note END,\n"
            "         published_at = CASE WHEN v_rule.to_status = 'published' AND published_at = '' THEN v_now ELSE published_at END,\n"
            "         updated_at = v_now, updated_by = current_person(), row_version = row_version + 1\n"
            "   WHERE id = p_story RETURNING * INTO v_story;\n"
            "  INSERT INTO revisions (story_id, row_version, kind, headline, dek, byline, dateline, body, correction_note,\n"
            "                         status, created_at, created_by)\n"
            "    VALUES (v_story.id, v_story.row_version, 'save', v_story.headline, v_story.dek, v_story.byline,\n"
            "            v_story.dateline, v_story.body, v_story.correction_note, v_story.status, v_now, current_person());\n"
            "  v_detail := v_rule.from_status || ' → ' || v_rule.to_status;\n"
            "  IF v_comment <> '' THEN v_detail := v_detail || ': ' || v_comment; END IF;\n"
            "  INSERT INTO audit_log (at, action, entity, entity_id, detail) VALUES (v_now, p_action, 'story', p_story, v_detail);\n"
            "  IF p_action = 'request-changes' THEN\n"
            "    INSERT INTO comments (entity, entity_id, body, author, created_at)\n"
            "      VALUES ('story', p_story, v_comment, current_person(), v_now);\n"
            "  END IF;\n"
            "  RETURN v_story.row_version;\n"
            "END $$"_s),

        decideCaptionFunction(),
    };

    for (const QString &table : {u"stories"_s, u"photos"_s, u"caption_approvals"_s, u"comments"_s, u"story_locks"_s,
                                 u"story_photos"_s}) {
        statements << u"CREATE TRIGGER %1_notify AFTER INSERT OR UPDATE OR DELETE ON %1 FOR EACH ROW "
                      "EXECUTE FUNCTION notify_change()"_s.arg(table);
    }

    // Nothing is anyone's but through these grants.
    for (const QString &function : {u"audit(text, text, bigint, text)"_s, u"transition(bigint, bigint, text, text)"_s,
                                   u"decide_caption(bigint, bigint, text, text)"_s, u"current_person()"_s,
                                   u"record_caption_reset()"_s, u"record_story_delete()"_s,
                                   u"record_embargo()"_s}) {
        statements << u"REVOKE ALL ON FUNCTION %1 FROM PUBLIC"_s.arg(function);
    }
    statements << sql(u"GRANT EXECUTE ON FUNCTION audit(text, text, bigint, text), transition(bigint, bigint, text, text), "
                      "decide_caption(bigint, bigint, text, text), current_person() TO {WRITER}"_s)
               << sql(u"GRANT SELECT ON ALL TABLES IN SCHEMA newsdesk TO {WRITER}"_s)
               // The texts; the status, approvals and versions move through the functions.
               << sql(u"GRANT INSERT (slug, headline, dek, byline, dateline, body, status, created_at, created_by, updated_at, "
                      "updated_by, correction_note, embargo_until, published_at) ON stories TO {WRITER}"_s)
               << sql(u"GRANT UPDATE (headline, dek, byline, dateline, body, correction_note, embargo_until, updated_at, "
                      "updated_by, row_version) ON stories TO {WRITER}"_s)
               << sql(u"GRANT DELETE ON stories TO {WRITER}"_s)
               << sql(u"GRANT INSERT ON images TO {WRITER}"_s)
               << sql(u"GRANT INSERT (image_hash, thumbnail, file_name, virin, title, caption, alt_text, credit, photographer, "
                      "unit, operation, date_shot, city, sublocation, state, country, country_code, keywords, release_state, "
                      "release_authority, caption_writer, created_at, updated_at, updated_by) ON photos TO {WRITER}"_s)
               << sql(u"GRANT UPDATE (virin, title, caption, alt_text, credit, photographer, unit, operation, date_shot, city, "
                      "sublocation, state, country, country_code, keywords, release_state, release_authority, caption_writer, "
                      "updated_at, updated_by, row_version) ON photos TO {WRITER}"_s)
               << sql(u"GRANT INSERT, UPDATE (position), DELETE ON story_photos TO {WRITER}"_s)
               // Not the id: a planted one would sort as the newest revision
               // or collide with the next save's.
               << sql(u"GRANT INSERT (story_id, row_version, kind, headline, dek, byline, dateline, body, correction_note, "
                      "status, created_at, created_by) ON revisions TO {WRITER}"_s)
               << sql(u"GRANT UPDATE (row_version, headline, dek, byline, dateline, body, correction_note, status) "
                      "ON revisions TO {WRITER}"_s)
               << sql(u"GRANT INSERT (entity, entity_id, body, author, created_at) ON comments TO {WRITER}"_s)
               << sql(u"GRANT INSERT, UPDATE, DELETE ON story_locks, story_names TO {WRITER}"_s)
               << sql(u"GRANT INSERT, UPDATE (headline, dek, body, captions), DELETE ON story_search TO {WRITER}"_s)
               << sql(u"GRANT INSERT, UPDATE ON library_settings TO {EDITOR}"_s);
    return statements;
}
