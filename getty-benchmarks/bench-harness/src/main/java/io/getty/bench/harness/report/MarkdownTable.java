package io.getty.bench.harness.report;

import java.util.ArrayList;
import java.util.List;

/**
 * A GitHub-flavoured Markdown table; columns after the first two are right-aligned
 * because they hold numbers.
 *
 * @author getty team
 * @since 0.1.0
 */
final class MarkdownTable {

	private final List<String> headers;

	private final int leftColumns;

	private final List<List<String>> rows = new ArrayList<>();

	MarkdownTable(int leftColumns, String... headers) {
		this.headers = List.of(headers);
		this.leftColumns = leftColumns;
	}

	MarkdownTable row(String... cells) {
		if (cells.length != this.headers.size()) {
			throw new IllegalArgumentException("Expected " + this.headers.size() + " cells, got " + cells.length);
		}
		this.rows.add(List.of(cells));
		return this;
	}

	@Override
	public String toString() {
		StringBuilder table = new StringBuilder();
		line(table, this.headers);
		table.append('|');
		for (int i = 0; i < this.headers.size(); i++) {
			table.append((i < this.leftColumns) ? " --- |" : " ---: |");
		}
		table.append('\n');
		this.rows.forEach((row) -> line(table, row));
		return table.toString();
	}

	private static void line(StringBuilder table, List<String> cells) {
		table.append('|');
		for (String cell : cells) {
			table.append(' ').append(cell.replace("|", "\\|")).append(" |");
		}
		table.append('\n');
	}

}
