package org.twitchtriage.authoring.html;

/** The catalogue's style sheet, inlined into the page. Only fonts installed on the reader's machine are named. */
final class CatalogueStyle {
    /** Colours per kind of finding are custom properties, shared by the badges and the diagram. */
    static final String CSS = """
            :root { color-scheme: light; }
            body { margin: 0; font: 15px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial,
                   sans-serif; color: #1d1d1f; background: #f6f6f4; }
            header, main { max-width: 1060px; margin: 0 auto; padding: 0 20px; }
            header { padding-top: 12px; }
            h1 { font-size: 28px; margin: 12px 0 6px; }
            h2 { font-size: 22px; margin: 0 0 6px; }
            h3 { font-size: 16px; margin: 0 0 4px; }
            h4 { font-size: 13px; margin: 6px 0 2px; text-transform: uppercase; letter-spacing: .04em; color: #555; }
            code { font: 13px/1.3 ui-monospace, "DejaVu Sans Mono", Menlo, Consolas, monospace; }
            a { color: #0b57a4; }
            .disclaimer { border-left: 4px solid #b71c1c; background: #fff; padding: 8px 12px; }
            nav { background: #fff; border: 1px solid #ddd; border-radius: 6px; padding: 8px 14px; }
            nav h2 { font-size: 16px; }
            .toc { display: grid; grid-template-columns: repeat(auto-fit, minmax(220px, 1fr)); gap: 4px 24px; }
            .toc h3 { font-size: 14px; color: #555; }
            .toc ul { margin: 0; padding-left: 18px; }
            .count { font-size: 13px; font-weight: normal; color: #666; }
            .legend .kind { margin-left: 4px; }
            section { margin: 28px 0; }
            .group { border-top: 3px solid #444; padding-top: 10px; }
            .files { color: #555; margin: 0 0 8px; }
            figure.diagram { margin: 0 0 14px; background: #fff; border: 1px solid #ddd; border-radius: 6px;
                             padding: 8px; overflow-x: auto; }
            figcaption { font-size: 13px; color: #555; margin-top: 4px; }
            svg.flow { display: block; max-width: 100%; height: auto; font: 12px system-ui, -apple-system,
                       "Segoe UI", Roboto, Arial, sans-serif; }
            .flow .layer { font-weight: bold; fill: #444; }
            .flow .node rect { fill: var(--bg, #fff); stroke: var(--fg, #555); stroke-width: 1; }
            .flow .node text { fill: #1d1d1f; }
            .flow .node .nid { font-weight: bold; }
            .flow .node.passage { --bg: #fff8d6; --fg: #8d7b00; }
            .flow a:hover rect, .flow a:focus rect { stroke-width: 2.5; }
            .flow path.edge { fill: none; stroke: var(--fg, #888); stroke-width: 1.3; opacity: .6; }
            .flow path.cites { --fg: #8d7b00; }
            .k-red-flag { --fg: #b71c1c; --bg: #fdecea; }
            .k-referral { --fg: #c45100; --bg: #fff1e0; }
            .k-workup { --fg: #6a1b9a; --bg: #f3e5f5; }
            .k-hypothesis { --fg: #0d47a1; --bg: #e3f0fd; }
            .k-self-care { --fg: #1b5e20; --bg: #e8f5e9; }
            .k-reassurance { --fg: #006064; --bg: #e0f7fa; }
            .kind { display: inline-block; font-size: 12px; padding: 0 6px; border-radius: 9px; color: var(--fg);
                    background: var(--bg); border: 1px solid var(--fg); white-space: nowrap; }
            article.rule { background: #fff; border: 1px solid #ddd; border-radius: 6px; padding: 10px 14px;
                           margin: 0 0 12px; }
            article.rule:target, tr:target { outline: 3px solid #f0b400; }
            .rule-id { background: #eee; padding: 1px 5px; border-radius: 3px; }
            .where { font-size: 13px; color: #666; margin: 0 0 6px; }
            .text { background: #fafaf7; border-left: 3px solid #999; padding: 2px 10px; margin: 0 0 6px; }
            .text .kw { font-weight: bold; font-style: italic; margin: 4px 0 0; color: #444; }
            .text ul { list-style: none; margin: 0 0 2px; padding-left: 18px; }
            .text li.qualifier { padding-left: 18px; }
            .text li.drl code { white-space: pre-wrap; color: #6a1b9a; }
            .explanation { color: #3a5a40; font-style: italic; }
            .column { font-weight: bold; margin-right: 4px; }
            .column::after { content: ":"; }
            .raw { color: #666; font-size: 12px; }
            .why { font-size: 14px; color: #444; margin: 4px 0; }
            .facts { display: grid; grid-template-columns: 1fr 1fr; gap: 0 24px; }
            .facts ul { margin: 0; padding-left: 18px; }
            .none { color: #777; }
            .problem { color: #b71c1c; font-weight: bold; }
            table { border-collapse: collapse; background: #fff; width: 100%; font-size: 14px; }
            th, td { border: 1px solid #ddd; padding: 4px 6px; text-align: left; vertical-align: top; }
            th { background: #eee; }
            td code, .rule-id { white-space: nowrap; }
            @media (max-width: 700px) { .facts { grid-template-columns: 1fr; } }
            @media print { body { background: #fff; } figure.diagram, article.rule { break-inside: avoid; } }
            """;

    private CatalogueStyle() {
    }
}
