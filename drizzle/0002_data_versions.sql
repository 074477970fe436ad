CREATE TABLE `data_clock` (
	`id` integer PRIMARY KEY NOT NULL,
	`seq` integer NOT NULL,
	`bulk` integer NOT NULL,
	`database_id` text NOT NULL
);
--> statement-breakpoint
CREATE TABLE `data_versions` (
	`tag` text PRIMARY KEY NOT NULL,
	`seq` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `data_versions_seq_idx` ON `data_versions` (`seq`);--> statement-breakpoint
-- Hand-written below this line (drizzle-kit does not generate triggers). Why triggers: every writer of
-- this file, ours or plain SQL from any process, moves the versions in its own transaction, so a reader
-- that sees the commit sees the versions with it. Each firing takes the next clock value and stamps it on
-- the tags of what changed (see src/db/schema.ts for the tags and src/db/data-versions.ts for readers).
-- Rows rewritten with identical values change no version (the WHEN clauses), so a round that changes
-- nothing retires nothing. The stamps are upserts, not INSERT OR REPLACE: a trigger's conflict policy is
-- overridden by the policy of the statement that fired it (an upsert of ours would turn it into ABORT).
INSERT INTO `data_clock` (`id`, `seq`, `bulk`, `database_id`) VALUES (1, 0, 0, lower(hex(randomblob(8))));
--> statement-breakpoint
CREATE TRIGGER `data_versions_bars_insert` AFTER INSERT ON `bars`
WHEN (SELECT `bulk` FROM `data_clock` WHERE `id` = 1) = 0
BEGIN
  UPDATE `data_clock` SET `seq` = `seq` + 1 WHERE `id` = 1;
  INSERT INTO `data_versions` (`tag`, `seq`) SELECT 'b:' || new.`symbol`, `seq` FROM `data_clock` WHERE `id` = 1
    ON CONFLICT (`tag`) DO UPDATE SET `seq` = excluded.`seq`;
END;
--> statement-breakpoint
CREATE TRIGGER `data_versions_bars_update` AFTER UPDATE ON `bars`
WHEN (SELECT `bulk` FROM `data_clock` WHERE `id` = 1) = 0
  AND (old.`symbol`, old.`interval_seconds`, old.`time`, old.`open`, old.`high`, old.`low`, old.`close`, old.`volume`)
   IS NOT (new.`symbol`, new.`interval_seconds`, new.`time`, new.`open`, new.`high`, new.`low`, new.`close`, new.`volume`)
BEGIN
  UPDATE `data_clock` SET `seq` = `seq` + 1 WHERE `id` = 1;
  INSERT INTO `data_versions` (`tag`, `seq`)
    SELECT 'b:' || old.`symbol`, `seq` FROM `data_clock` WHERE `id` = 1
    UNION ALL SELECT 'b:' || new.`symbol`, `seq` FROM `data_clock` WHERE `id` = 1 AND new.`symbol` IS NOT old.`symbol`
    ON CONFLICT (`tag`) DO UPDATE SET `seq` = excluded.`seq`;
END;
--> statement-breakpoint
CREATE TRIGGER `data_versions_bars_delete` AFTER DELETE ON `bars`
WHEN (SELECT `bulk` FROM `data_clock` WHERE `id` = 1) = 0
BEGIN
  UPDATE `data_clock` SET `seq` = `seq` + 1 WHERE `id` = 1;
  INSERT INTO `data_versions` (`tag`, `seq`) SELECT 'b:' || old.`symbol`, `seq` FROM `data_clock` WHERE `id` = 1
    ON CONFLICT (`tag`) DO UPDATE SET `seq` = excluded.`seq`;
END;
--> statement-breakpoint
CREATE TRIGGER `data_versions_stocks_insert` AFTER INSERT ON `stocks`
BEGIN
  UPDATE `data_clock` SET `seq` = `seq` + 1 WHERE `id` = 1;
  INSERT INTO `data_versions` (`tag`, `seq`)
    SELECT 's:' || new.`symbol`, `seq` FROM `data_clock` WHERE `id` = 1
    UNION ALL SELECT 'q', `seq` FROM `data_clock` WHERE `id` = 1
    UNION ALL SELECT 'q:' || coalesce(new.`sector`, ''), `seq` FROM `data_clock` WHERE `id` = 1
    UNION ALL SELECT 'l', `seq` FROM `data_clock` WHERE `id` = 1
    ON CONFLICT (`tag`) DO UPDATE SET `seq` = excluded.`seq`;
END;
--> statement-breakpoint
CREATE TRIGGER `data_versions_stocks_update` AFTER UPDATE ON `stocks`
WHEN (old.`symbol`, old.`name`, old.`exchange`, old.`sector`, old.`industry`, old.`currency`, old.`shares_outstanding`,
      old.`price`, old.`change`, old.`change_percent`, old.`open`, old.`high`, old.`low`, old.`previous_close`,
      old.`volume`, old.`market_cap`, old.`quote_updated_at`)
  IS NOT (new.`symbol`, new.`name`, new.`exchange`, new.`sector`, new.`industry`, new.`currency`, new.`shares_outstanding`,
      new.`price`, new.`change`, new.`change_percent`, new.`open`, new.`high`, new.`low`, new.`previous_close`,
      new.`volume`, new.`market_cap`, new.`quote_updated_at`)
BEGIN
  UPDATE `data_clock` SET `seq` = `seq` + 1 WHERE `id` = 1;
  INSERT INTO `data_versions` (`tag`, `seq`)
    SELECT 's:' || old.`symbol`, `seq` FROM `data_clock` WHERE `id` = 1
    UNION ALL SELECT 's:' || new.`symbol`, `seq` FROM `data_clock` WHERE `id` = 1 AND new.`symbol` IS NOT old.`symbol`
    UNION ALL SELECT 'q', `seq` FROM `data_clock` WHERE `id` = 1
    UNION ALL SELECT 'q:' || coalesce(old.`sector`, ''), `seq` FROM `data_clock` WHERE `id` = 1
    UNION ALL SELECT 'q:' || coalesce(new.`sector`, ''), `seq` FROM `data_clock` WHERE `id` = 1 AND new.`sector` IS NOT old.`sector`
    UNION ALL SELECT 'l', `seq` FROM `data_clock` WHERE `id` = 1
      AND (old.`symbol`, old.`name`, old.`exchange`, old.`sector`, old.`industry`, old.`currency`)
      IS NOT (new.`symbol`, new.`name`, new.`exchange`, new.`sector`, new.`industry`, new.`currency`)
    ON CONFLICT (`tag`) DO UPDATE SET `seq` = excluded.`seq`;
END;
--> statement-breakpoint
CREATE TRIGGER `data_versions_stocks_delete` AFTER DELETE ON `stocks`
BEGIN
  UPDATE `data_clock` SET `seq` = `seq` + 1 WHERE `id` = 1;
  INSERT INTO `data_versions` (`tag`, `seq`)
    SELECT 's:' || old.`symbol`, `seq` FROM `data_clock` WHERE `id` = 1
    UNION ALL SELECT 'q', `seq` FROM `data_clock` WHERE `id` = 1
    UNION ALL SELECT 'q:' || coalesce(old.`sector`, ''), `seq` FROM `data_clock` WHERE `id` = 1
    UNION ALL SELECT 'l', `seq` FROM `data_clock` WHERE `id` = 1
    ON CONFLICT (`tag`) DO UPDATE SET `seq` = excluded.`seq`;
END;
