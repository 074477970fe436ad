-- Hand-edited after drizzle-kit generate: bars and stocks are WITHOUT ROWID tables (their primary key is
-- their only access path, or the one every secondary index points at), which drizzle-kit cannot express.
CREATE TABLE `bars` (
	`symbol` text NOT NULL,
	`interval_seconds` integer NOT NULL,
	`time` integer NOT NULL,
	`open` real NOT NULL,
	`high` real NOT NULL,
	`low` real NOT NULL,
	`close` real NOT NULL,
	`volume` real NOT NULL,
	PRIMARY KEY(`symbol`, `interval_seconds`, `time`)
) WITHOUT ROWID;
--> statement-breakpoint
CREATE TABLE `meta` (
	`key` text PRIMARY KEY NOT NULL,
	`value` text NOT NULL
);
--> statement-breakpoint
CREATE TABLE `stocks` (
	`symbol` text PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`exchange` text,
	`sector` text,
	`industry` text,
	`currency` text DEFAULT 'USD' NOT NULL,
	`shares_outstanding` real NOT NULL,
	`price` real NOT NULL,
	`change` real NOT NULL,
	`change_percent` real NOT NULL,
	`open` real,
	`high` real,
	`low` real,
	`previous_close` real,
	`volume` real NOT NULL,
	`market_cap` real NOT NULL,
	`quote_updated_at` integer NOT NULL
) WITHOUT ROWID;
--> statement-breakpoint
CREATE INDEX `stocks_name_idx` ON `stocks` ("name" COLLATE NOCASE,`symbol`);--> statement-breakpoint
CREATE INDEX `stocks_price_idx` ON `stocks` (`price`,`symbol`);--> statement-breakpoint
CREATE INDEX `stocks_change_percent_idx` ON `stocks` (`change_percent`,`symbol`);--> statement-breakpoint
CREATE INDEX `stocks_volume_idx` ON `stocks` (`volume`,`symbol`);--> statement-breakpoint
CREATE INDEX `stocks_market_cap_idx` ON `stocks` (`market_cap`,`symbol`);--> statement-breakpoint
CREATE INDEX `stocks_sector_market_cap_idx` ON `stocks` (`sector`,`market_cap`,`symbol`);--> statement-breakpoint
CREATE INDEX `stocks_sector_change_percent_idx` ON `stocks` (`sector`,`change_percent`,`symbol`);--> statement-breakpoint
CREATE INDEX `stocks_sector_volume_idx` ON `stocks` (`sector`,`volume`,`symbol`);--> statement-breakpoint
CREATE INDEX `stocks_industry_idx` ON `stocks` ("industry" COLLATE NOCASE,`market_cap`);--> statement-breakpoint
CREATE INDEX `stocks_exchange_idx` ON `stocks` ("exchange" COLLATE NOCASE,`market_cap`);