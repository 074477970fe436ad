CREATE TABLE `ingest_state` (
	`symbol` text NOT NULL,
	`range` text NOT NULL,
	`fetched_at` integer NOT NULL,
	PRIMARY KEY(`symbol`, `range`)
) WITHOUT ROWID;
--> statement-breakpoint
CREATE TABLE `leases` (
	`name` text PRIMARY KEY NOT NULL,
	`owner` text NOT NULL,
	`expires_at` integer NOT NULL
);
