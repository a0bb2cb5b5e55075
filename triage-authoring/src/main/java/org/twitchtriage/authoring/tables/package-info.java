/**
 * Decision tables: which files the build compiles as decision tables and the DRL it makes of them
 * ({@link org.twitchtriage.authoring.tables.DecisionTables}), and the cells of a table in its two forms, the CSV
 * kept for review and diffs and the workbook generated from it for the build
 * ({@link org.twitchtriage.authoring.tables.TableCells}). Stateless and thread-safe.
 */
package org.twitchtriage.authoring.tables;
