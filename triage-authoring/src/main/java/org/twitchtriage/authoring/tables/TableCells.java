package org.twitchtriage.authoring.tables;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.DataFormatter;
import org.apache.poi.ss.usermodel.FillPatternType;
import org.apache.poi.ss.usermodel.Font;
import org.apache.poi.ss.usermodel.IndexedColors;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.ss.usermodel.WorkbookFactory;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;

/**
 * The cells of a one-sheet table, read from and written to CSV (for review and diffs) and to an Excel workbook (for
 * the build and for editing in LibreOffice or Excel). Cells are plain text; a row's trailing empty cells and the
 * table's trailing empty rows are dropped, so that the same table reads the same from either format.
 * Stateless and thread-safe.
 */
public final class TableCells {
    /** Written into every workbook, so that generating it twice gives the same bytes. */
    static final Instant FIXED_TIME = Instant.parse("2026-01-01T00:00:00Z");
    /** Widest column, in characters; longer text stays in its cell and shows when the cell is selected. */
    private static final int MAX_COLUMN_CHARS = 60;

    private TableCells() {
    }

    /**
     * Parses CSV as RFC 4180 describes it: comma-separated, fields with commas, quotes or line breaks in double
     * quotes, a quote inside doubled.
     *
     * @throws IllegalArgumentException naming the line, when a quoted field is not closed
     */
    public static List<List<String>> parseCsv(String text) {
        List<List<String>> rows = new ArrayList<>();
        List<String> row = new ArrayList<>();
        StringBuilder cell = new StringBuilder();
        boolean quoted = false;
        int line = 1;
        int quoteLine = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < text.length() && text.charAt(i + 1) == '"') {
                    cell.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    if (c == '\n') {
                        line++;
                    }
                    cell.append(c);
                }
            } else if (c == '"' && cell.isEmpty()) {
                quoted = true;
                quoteLine = line;
            } else if (c == ',') {
                row.add(cell.toString());
                cell.setLength(0);
            } else if (c == '\n' || c == '\r') {
                if (c == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') {
                    i++;
                }
                row.add(cell.toString());
                cell.setLength(0);
                rows.add(row);
                row = new ArrayList<>();
                line++;
            } else {
                cell.append(c);
            }
        }
        if (quoted) {
            throw new IllegalArgumentException("line " + quoteLine + ": a quoted field is not closed");
        }
        if (!cell.isEmpty() || !row.isEmpty()) {
            row.add(cell.toString());
            rows.add(row);
        }
        return normalise(rows);
    }

    /** @return the cells of a CSV file (UTF-8) */
    public static List<List<String>> readCsv(Path csv) {
        try {
            return parseCsv(Files.readString(csv, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + csv, e);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(csv + ": " + e.getMessage(), e);
        }
    }

    /**
     * Reads the first sheet of a workbook ({@code .xlsx} or {@code .xls}), each cell as the text it shows.
     */
    public static List<List<String>> readWorkbook(Path workbook) {
        try (InputStream in = Files.newInputStream(workbook)) {
            return readWorkbook(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read workbook " + workbook, e);
        }
    }

    /** Reads the first sheet of a workbook from a stream, which is not closed. */
    public static List<List<String>> readWorkbook(InputStream in) throws IOException {
        try (Workbook wb = WorkbookFactory.create(in)) {
            Sheet sheet = wb.getSheetAt(0);
            DataFormatter formatter = new DataFormatter();
            List<List<String>> rows = new ArrayList<>();
            for (int r = 0; r <= sheet.getLastRowNum(); r++) {
                Row row = sheet.getRow(r);
                List<String> cells = new ArrayList<>();
                if (row != null) {
                    for (int c = 0; c < Math.max(row.getLastCellNum(), 0); c++) {
                        Cell cell = row.getCell(c);
                        cells.add(cell == null ? "" : formatter.formatCellValue(cell));
                    }
                }
                rows.add(cells);
            }
            return normalise(rows);
        }
    }

    /**
     * Writes the cells as a one-sheet Excel workbook ({@code .xlsx}) that LibreOffice and Excel open. The rows
     * right below a {@code RuleTable} cell (column kinds, patterns, code templates) are shown small and grey, the
     * column labels after them bold. The file carries fixed dates, so the same cells always give the same bytes.
     *
     * @param cells     the table
     * @param sheetName the sheet's name
     * @param workbook  where to write
     */
    public static void writeWorkbook(List<List<String>> cells, String sheetName, Path workbook) {
        try {
            Path parent = workbook.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            Files.write(workbook, workbookBytes(cells, sheetName));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write workbook " + workbook, e);
        }
    }

    /** @return the bytes {@link #writeWorkbook} writes */
    public static byte[] workbookBytes(List<List<String>> cells, String sheetName) throws IOException {
        List<List<String>> table = normalise(cells);
        ByteArrayOutputStream raw = new ByteArrayOutputStream();
        try (XSSFWorkbook wb = new XSSFWorkbook()) {
            wb.getProperties().getCoreProperties().setCreated(Optional.of(Date.from(FIXED_TIME)));
            wb.getProperties().getCoreProperties().setModified(Optional.of(Date.from(FIXED_TIME)));
            wb.getProperties().getCoreProperties().setCreator("twitch-triage");
            Sheet sheet = wb.createSheet(sheetName);
            CellStyle compiler = compilerRowStyle(wb);
            CellStyle label = labelRowStyle(wb);
            int ruleTableRow = -1;
            int columns = 0;
            int[] widths = new int[table.stream().mapToInt(List::size).max().orElse(0)];
            for (int r = 0; r < table.size(); r++) {
                List<String> values = table.get(r);
                if (!values.isEmpty() && values.get(0).startsWith("RuleTable")) {
                    ruleTableRow = r;
                }
                int offset = ruleTableRow < 0 ? -1 : r - ruleTableRow;
                CellStyle style = offset >= 1 && offset <= 3 ? compiler : offset == 4 ? label : null;
                Row row = sheet.createRow(r);
                for (int c = 0; c < values.size(); c++) {
                    String v = values.get(c);
                    if (v.isEmpty() && style == null) {
                        continue;
                    }
                    Cell cell = row.createCell(c);
                    cell.setCellValue(v);
                    if (style != null) {
                        cell.setCellStyle(style);
                    }
                    // keyword rows (RuleSet, Notes, ...) carry long text in their second cell: it may overflow
                    if (ruleTableRow >= 0 && offset >= 1) {
                        widths[c] = Math.max(widths[c], Math.min(v.length(), MAX_COLUMN_CHARS));
                    }
                }
                columns = Math.max(columns, values.size());
            }
            for (int c = 0; c < columns; c++) {
                sheet.setColumnWidth(c, (Math.max(widths[c], 8) + 2) * 256);
            }
            wb.write(raw);
        }
        return withFixedEntryTimes(raw.toByteArray());
    }

    private static CellStyle compilerRowStyle(Workbook wb) {
        Font font = wb.createFont();
        font.setColor(IndexedColors.GREY_50_PERCENT.getIndex());
        font.setFontHeightInPoints((short) 9);
        CellStyle style = wb.createCellStyle();
        style.setFont(font);
        style.setFillForegroundColor(IndexedColors.GREY_25_PERCENT.getIndex());
        style.setFillPattern(FillPatternType.SOLID_FOREGROUND);
        return style;
    }

    private static CellStyle labelRowStyle(Workbook wb) {
        Font font = wb.createFont();
        font.setBold(true);
        CellStyle style = wb.createCellStyle();
        style.setFont(font);
        return style;
    }

    /** Rewrites a zip archive with every entry dated {@link #FIXED_TIME}, keeping order and content. */
    private static byte[] withFixedEntryTimes(byte[] zip) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip));
             ZipOutputStream rewritten = new ZipOutputStream(out)) {
            for (ZipEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
                ZipEntry copy = new ZipEntry(e.getName());
                copy.setTime(FIXED_TIME.toEpochMilli());
                rewritten.putNextEntry(copy);
                in.transferTo(rewritten);
                rewritten.closeEntry();
            }
        }
        return out.toByteArray();
    }

    /** @return the rows without trailing empty cells, and without trailing empty rows */
    static List<List<String>> normalise(List<List<String>> rows) {
        List<List<String>> out = new ArrayList<>();
        for (List<String> row : rows) {
            int end = row.size();
            while (end > 0 && row.get(end - 1).isEmpty()) {
                end--;
            }
            out.add(List.copyOf(row.subList(0, end)));
        }
        while (!out.isEmpty() && out.get(out.size() - 1).isEmpty()) {
            out.remove(out.size() - 1);
        }
        return List.copyOf(out);
    }
}
