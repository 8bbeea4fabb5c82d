-- SPDX-License-Identifier: MIT
-- A Newsdesk library's schema at format 6 (PRAGMA user_version = 6), as
-- migrationStatements(0..5) created it on branch glossary (issue 15), the
-- last commit at format 6. Frozen: libraries of this format exist, so this
-- file never changes; the tests build their format-6 fixtures from it.
CREATE TABLE people (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL UNIQUE,
    title TEXT NOT NULL DEFAULT '',
    role TEXT NOT NULL CHECK (role IN ('writer', 'editor')),
    created_at TEXT NOT NULL, login TEXT NOT NULL DEFAULT '');
CREATE TABLE stories (
    id INTEGER PRIMARY KEY,
    slug TEXT NOT NULL UNIQUE,
    headline TEXT NOT NULL DEFAULT '',
    dek TEXT NOT NULL DEFAULT '',
    byline TEXT NOT NULL DEFAULT '',
    dateline TEXT NOT NULL DEFAULT '',
    body TEXT NOT NULL DEFAULT '',
    status TEXT NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'in_review', 'approved', 'published', 'archived')),
    created_at TEXT NOT NULL,
    created_by TEXT NOT NULL DEFAULT '',
    updated_at TEXT NOT NULL,
    updated_by TEXT NOT NULL DEFAULT '',
    row_version INTEGER NOT NULL DEFAULT 1, correction_note TEXT NOT NULL DEFAULT '', embargo_until TEXT NOT NULL DEFAULT '', published_at TEXT NOT NULL DEFAULT '');
CREATE INDEX stories_by_updated ON stories (updated_at DESC, id DESC);
CREATE INDEX stories_by_headline ON stories (headline COLLATE NOCASE, id);
CREATE INDEX stories_by_status ON stories (status, updated_at DESC);
CREATE TABLE images (
    hash TEXT PRIMARY KEY,
    data BLOB NOT NULL,
    mime_type TEXT NOT NULL DEFAULT '',
    width INTEGER NOT NULL DEFAULT 0,
    height INTEGER NOT NULL DEFAULT 0,
    byte_size INTEGER NOT NULL DEFAULT 0,
    created_at TEXT NOT NULL);
CREATE TABLE photos (
    id INTEGER PRIMARY KEY,
    image_hash TEXT REFERENCES images (hash),
    thumbnail BLOB,
    file_name TEXT NOT NULL DEFAULT '',
    virin TEXT NOT NULL DEFAULT '',
    title TEXT NOT NULL DEFAULT '',
    caption TEXT NOT NULL DEFAULT '',
    alt_text TEXT NOT NULL DEFAULT '',
    credit TEXT NOT NULL DEFAULT '',
    photographer TEXT NOT NULL DEFAULT '',
    unit TEXT NOT NULL DEFAULT '',
    operation TEXT NOT NULL DEFAULT '',
    date_shot TEXT NOT NULL DEFAULT '',
    city TEXT NOT NULL DEFAULT '',
    sublocation TEXT NOT NULL DEFAULT '',
    state TEXT NOT NULL DEFAULT '',
    country TEXT NOT NULL DEFAULT '',
    country_code TEXT NOT NULL DEFAULT '',
    keywords TEXT NOT NULL DEFAULT '',
    release_state TEXT NOT NULL DEFAULT 'not_reviewed' CHECK (release_state IN ('not_reviewed', 'released', 'not_released')),
    release_authority TEXT NOT NULL DEFAULT '',
    caption_writer TEXT NOT NULL DEFAULT '',
    approval_state TEXT NOT NULL DEFAULT 'pending' CHECK (approval_state IN ('pending', 'approved', 'changes_requested')),
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    updated_by TEXT NOT NULL DEFAULT '',
    row_version INTEGER NOT NULL DEFAULT 1);
CREATE INDEX photos_by_virin ON photos (virin);
CREATE TABLE story_photos (
    story_id INTEGER NOT NULL REFERENCES stories (id) ON DELETE CASCADE,
    photo_id INTEGER NOT NULL REFERENCES photos (id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    PRIMARY KEY (story_id, photo_id));
CREATE INDEX story_photos_by_photo ON story_photos (photo_id);
CREATE TABLE caption_approvals (
    id INTEGER PRIMARY KEY,
    photo_id INTEGER NOT NULL REFERENCES photos (id) ON DELETE CASCADE,
    decision TEXT NOT NULL CHECK (decision IN ('approved', 'changes_requested')),
    caption TEXT NOT NULL,
    alt_text TEXT NOT NULL,
    comment TEXT NOT NULL DEFAULT '',
    decided_by TEXT NOT NULL,
    decided_at TEXT NOT NULL, reviewed TEXT);
CREATE INDEX caption_approvals_by_photo ON caption_approvals (photo_id, id);
CREATE TABLE revisions (
    id INTEGER PRIMARY KEY,
    story_id INTEGER NOT NULL REFERENCES stories (id) ON DELETE CASCADE,
    row_version INTEGER NOT NULL,
    kind TEXT NOT NULL CHECK (kind IN ('save', 'autosave', 'restore', 'import')),
    headline TEXT NOT NULL,
    dek TEXT NOT NULL,
    byline TEXT NOT NULL,
    dateline TEXT NOT NULL,
    body TEXT NOT NULL,
    status TEXT NOT NULL,
    created_at TEXT NOT NULL,
    created_by TEXT NOT NULL, correction_note TEXT);
CREATE INDEX revisions_by_story ON revisions (story_id, id DESC);
CREATE TABLE audit_log (
    id INTEGER PRIMARY KEY,
    at TEXT NOT NULL,
    actor TEXT NOT NULL,
    action TEXT NOT NULL,
    entity TEXT NOT NULL,
    entity_id INTEGER,
    detail TEXT NOT NULL DEFAULT '');
CREATE INDEX audit_log_by_entity ON audit_log (entity, entity_id, id);
CREATE VIRTUAL TABLE story_search USING fts5(
    headline, dek, body, captions,
    tokenize = 'porter unicode61 remove_diacritics 2',
    prefix = '2 3 4');
CREATE TABLE comments (
    id INTEGER PRIMARY KEY,
    entity TEXT NOT NULL CHECK (entity IN ('story', 'photo')),
    entity_id INTEGER NOT NULL,
    body TEXT NOT NULL,
    author TEXT NOT NULL,
    created_at TEXT NOT NULL);
CREATE INDEX comments_by_entity ON comments (entity, entity_id, id);
CREATE TABLE story_locks (
    story_id INTEGER PRIMARY KEY REFERENCES stories (id) ON DELETE CASCADE,
    session TEXT NOT NULL,
    holder TEXT NOT NULL,
    host TEXT NOT NULL,
    pid INTEGER NOT NULL,
    process_started TEXT NOT NULL DEFAULT '',
    acquired_at TEXT NOT NULL,
    heartbeat_at TEXT NOT NULL);
CREATE TABLE story_names (
    story_id INTEGER NOT NULL REFERENCES stories (id) ON DELETE CASCADE,
    name TEXT NOT NULL,
    PRIMARY KEY (story_id, name));
CREATE TABLE library_settings (
    key TEXT PRIMARY KEY,
    value TEXT NOT NULL);
CREATE UNIQUE INDEX people_by_login ON people (login) WHERE login <> '';
CREATE TABLE glossary (  id INTEGER PRIMARY KEY,  code TEXT NOT NULL DEFAULT '',  text TEXT NOT NULL CHECK (text <> ''),  created_at TEXT NOT NULL,  created_by TEXT NOT NULL DEFAULT '');
CREATE UNIQUE INDEX glossary_by_code ON glossary (code) WHERE code <> '';
CREATE UNIQUE INDEX glossary_by_name ON glossary (text) WHERE code = '';
