-- Full-text search index (owned by src/lib/server/search). Postings live in an FTS5 table whose columns hold
-- the pre-analysed terms of each unit (Russian Snowball stems from lunr-languages, ё→е folded, numbers, Latin
-- words and legal identifiers like "210-фз" / "2.3.1" kept whole). rowid = unit.id. Contentless: the text itself
-- stays in `unit`, the index keeps only positional postings.
CREATE VIRTUAL TABLE `search_unit` USING fts5(
	`text`, `title`, `req`, `extra`,
	content='', contentless_delete=1, detail=full,
	tokenize="unicode61 remove_diacritics 0 tokenchars '-.'"
);
--> statement-breakpoint
-- Field boosts: clause text 1, act title 2, requisites (вид, орган, номер, дата, регион) 1.5, parts of compound terms 0.3.
INSERT INTO `search_unit`(`search_unit`, `rank`) VALUES('rank', 'bm25(1.0, 2.0, 1.5, 0.3)');
--> statement-breakpoint
-- Which unit rows are in the index for which act (lets an act be removed even after its units are gone).
CREATE TABLE `search_doc` (
	`unit_id` integer PRIMARY KEY NOT NULL,
	`act_id` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `search_doc_act_idx` ON `search_doc` (`act_id`);
--> statement-breakpoint
-- One row per indexed act: analyzer version and a fingerprint of its requisites and units, so start-up only
-- re-indexes acts that changed instead of rebuilding everything.
CREATE TABLE `search_act` (
	`act_id` integer PRIMARY KEY NOT NULL,
	`version` integer NOT NULL,
	`units` integer NOT NULL,
	`fingerprint` text NOT NULL
);
