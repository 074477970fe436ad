CREATE TABLE `sector_stats` (
	`sector` text PRIMARY KEY NOT NULL,
	`stock_count` integer NOT NULL,
	`total_market_cap` real NOT NULL,
	`average_change_percent` real NOT NULL,
	`advancers` integer NOT NULL,
	`decliners` integer NOT NULL,
	`unchanged` integer NOT NULL,
	`top_gainer_symbol` text,
	`top_loser_symbol` text
);
--> statement-breakpoint
-- What sector_stats must always hold: the stats of each sector, aggregated from its stocks. INDEXED BY pins
-- the covering index the aggregate walks (never the table), and with it the order float totals are summed
-- in; a WHERE on `sector` is pushed into the GROUP BY, so one sector's row is one index range. Its columns
-- are sector_stats' own, in order.
CREATE VIEW `sector_stats_aggregate` AS
  SELECT s.`sector` AS `sector`, count(*) AS `stock_count`, total(s.`market_cap`) AS `total_market_cap`,
    coalesce(avg(s.`change_percent`), 0) AS `average_change_percent`,
    sum(s.`change` > 0) AS `advancers`, sum(s.`change` < 0) AS `decliners`, sum(s.`change` = 0) AS `unchanged`,
    (SELECT g.`symbol` FROM `stocks` g WHERE g.`sector` = s.`sector` ORDER BY g.`change_percent` DESC, g.`symbol` DESC LIMIT 1) AS `top_gainer_symbol`,
    (SELECT l.`symbol` FROM `stocks` l WHERE l.`sector` = s.`sector` ORDER BY l.`change_percent` ASC, l.`symbol` ASC LIMIT 1) AS `top_loser_symbol`
  FROM `stocks` s INDEXED BY `stocks_sector_stats_idx` WHERE s.`sector` IS NOT NULL GROUP BY s.`sector`;
--> statement-breakpoint
INSERT INTO `sector_stats` SELECT * FROM `sector_stats_aggregate`;
--> statement-breakpoint
-- Kept in the writing transaction, for every writer: each change recomputes its sector's row (both rows when
-- a stock moves between sectors), never adjusts it by a difference, so it is exactly the aggregate; a sector
-- whose last stock left loses its row. Writes that change none of the aggregated columns fire nothing.
CREATE TRIGGER `sector_stats_stocks_insert` AFTER INSERT ON `stocks`
WHEN new.`sector` IS NOT NULL
BEGIN
  DELETE FROM `sector_stats` WHERE `sector` = new.`sector`;
  INSERT INTO `sector_stats` SELECT * FROM `sector_stats_aggregate` WHERE `sector` = new.`sector`;
END;
--> statement-breakpoint
CREATE TRIGGER `sector_stats_stocks_update` AFTER UPDATE ON `stocks`
WHEN (old.`symbol`, old.`sector`, old.`market_cap`, old.`change_percent`, old.`change`) IS NOT (new.`symbol`, new.`sector`, new.`market_cap`, new.`change_percent`, new.`change`)
BEGIN
  DELETE FROM `sector_stats` WHERE `sector` IN (old.`sector`, new.`sector`);
  INSERT INTO `sector_stats` SELECT * FROM `sector_stats_aggregate` WHERE `sector` IN (old.`sector`, new.`sector`);
END;
--> statement-breakpoint
CREATE TRIGGER `sector_stats_stocks_delete` AFTER DELETE ON `stocks`
WHEN old.`sector` IS NOT NULL
BEGIN
  DELETE FROM `sector_stats` WHERE `sector` = old.`sector`;
  INSERT INTO `sector_stats` SELECT * FROM `sector_stats_aggregate` WHERE `sector` = old.`sector`;
END;
