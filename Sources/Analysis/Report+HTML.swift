import Foundation

/// The report as one self-contained HTML file: inline CSS and SVG, nothing fetched when it is viewed. A
/// short script marks each chart the browser drew (`data-drawn`) and counts them on `<body data-charts>`,
/// which the headless-browser test reads.
extension Report {
    static let colors = ["#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#ff7f0e", "#8c564b"]

    public var html: String {
        var body = ["<h1>\(Self.escape(title))</h1>"]
        if !flags.isEmpty {
            body.append("<h2>Runs to look at</h2><ul class=\"flags\">"
                        + flags.map { "<li>\(Self.escape($0))</li>" }.joined() + "</ul>")
        }
        body += notes.map { "<p class=\"note\">\(Self.escape($0))</p>" }
        if !charts.isEmpty {
            body.append("<h2>Paths</h2><p>Median (line) and 10-90% band over replications, per point and variant.</p>")
            body += charts.map(Self.svg)
        }
        if !effects.isEmpty { body.append(effectsTable) }
        body.append("<h2>Provenance</h2><table>" + provenance.map {
            "<tr><th>\(Self.escape($0.0))</th><td>\(Self.escape($0.1))</td></tr>"
        }.joined() + "</table>")
        return """
            <!DOCTYPE html>
            <html lang="en"><head><meta charset="utf-8"><title>\(Self.escape(title))</title>
            <style>
            body { font: 14px/1.4 system-ui, sans-serif; margin: 2em; max-width: 60em; color: #222; }
            table { border-collapse: collapse; margin: 0.5em 0 1.5em; } td, th { padding: 2px 8px; text-align: left; }
            tr:nth-child(even) { background: #f4f4f4; } .flags li { color: #a00; } .note { color: #666; }
            td.num { text-align: right; font-variant-numeric: tabular-nums; } svg { display: block; margin: 0.5em 0 1.5em; }
            </style></head>
            <body data-charts="0">
            \(body.joined(separator: "\n"))
            <script>
            let drawn = 0;
            document.querySelectorAll("svg.chart").forEach(svg => {
              const lines = svg.querySelectorAll("path.median");
              const ok = lines.length > 0 && [...lines].every(p => p.getBBox().width > 0 || p.getBBox().height > 0);
              if (ok) { svg.setAttribute("data-drawn", "1"); drawn += 1; }
            });
            document.body.setAttribute("data-charts", String(drawn));
            </script>
            </body></html>

            """
    }

    var effectsTable: String {
        let rows = effects.map { e in
            "<tr><td>\(Self.escape(e.point))</td><td>\(Self.escape(e.variant))</td><td>\(Self.escape(e.metric))</td>"
                + "<td class=\"num\">\(e.n)</td><td class=\"num\">\(Self.number(e.mean))</td>"
                + "<td class=\"num\">[\(Self.number(e.low)), \(Self.number(e.high))]</td></tr>"
        }
        return "<h2>Paired effects</h2><p>Each variant minus main on the same seeds (summary.csv's <code>difference</code>): "
            + "mean and 95% interval.</p><table><tr><th>point</th><th>variant</th><th>metric</th><th>pairs</th>"
            + "<th>mean</th><th>95% interval</th></tr>" + rows.joined() + "</table>"
    }

    /// One fan chart: a band and a median line per fan, axes labelled with their range.
    static func svg(_ chart: Chart) -> String {
        let (width, height, left, bottom) = (720.0, 240.0, 70.0, 30.0)
        let fans = chart.fans.filter { !$0.steps.isEmpty }
        let xs = fans.flatMap(\.steps), ys = fans.flatMap { $0.low + $0.high }.filter(\.isFinite)
        guard let x0 = xs.min(), let x1 = xs.max(), let y0 = ys.min(), let y1 = ys.max() else {
            return "<p class=\"note\">\(escape(chart.title)): no values</p>"
        }
        func px(_ x: Double) -> Double { left + (x - x0) / max(x1 - x0, 1) * (width - left - 10) }
        func py(_ y: Double) -> Double { 10 + (y1 - y) / (y1 > y0 ? y1 - y0 : 1) * (height - bottom - 10) }
        func path(_ steps: [Double], _ values: [Double]) -> String {
            zip(steps, values).enumerated().map { i, p in
                (i == 0 ? "M" : "L") + String(format: "%.1f,%.1f", px(p.0), py(p.1))
            }.joined()
        }
        var parts: [String] = []
        for (i, fan) in fans.enumerated() {
            let color = colors[i % colors.count]
            let band = path(fan.steps, fan.high) + path(fan.steps.reversed(), fan.low.reversed()).replacingOccurrences(of: "M", with: "L") + "Z"
            parts.append("<path d=\"\(band)\" fill=\"\(color)\" fill-opacity=\"0.18\" stroke=\"none\"/>")
            parts.append("<path class=\"median\" d=\"\(path(fan.steps, fan.median))\" fill=\"none\" stroke=\"\(color)\" stroke-width=\"1.5\"/>")
            parts.append("<text x=\"\(Int(width) - 200)\" y=\"\(20 + 16 * i)\" fill=\"\(color)\">point \(escape(fan.point)), "
                         + "\(escape(fan.variant)) (\(fan.runs) runs)</text>")
        }
        let axes = "<line x1=\"\(left)\" y1=\"\(height - bottom)\" x2=\"\(width - 10)\" y2=\"\(height - bottom)\" stroke=\"#888\"/>"
            + "<line x1=\"\(left)\" y1=\"10\" x2=\"\(left)\" y2=\"\(height - bottom)\" stroke=\"#888\"/>"
            + "<text x=\"\(left - 6)\" y=\"16\" text-anchor=\"end\">\(number(y1))</text>"
            + "<text x=\"\(left - 6)\" y=\"\(height - bottom)\" text-anchor=\"end\">\(number(y0))</text>"
            + "<text x=\"\(left)\" y=\"\(height - 8)\">step \(Int(x0))</text>"
            + "<text x=\"\(width - 10)\" y=\"\(height - 8)\" text-anchor=\"end\">step \(Int(x1))</text>"
        return "<h3>\(escape(chart.title)) <small>(\(escape(chart.column)), \(escape(chart.unit)))</small></h3>"
            + "<svg class=\"chart\" xmlns=\"http://www.w3.org/2000/svg\" width=\"\(Int(width))\" height=\"\(Int(height))\" "
            + "font-size=\"11\">\(axes)\(parts.joined())</svg>"
    }

    static func number(_ x: Double) -> String { x.isFinite ? String(format: "%.4g", x) : "-" }

    static func escape(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;")
    }
}
