package io.funnelcast.testing;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;

/** What a test reads off a rendered Funnelcast report in the browser. */
public final class ReportPages {
  /** Every visible chart container: its chart, series, title, axis names and painted canvas pixels. */
  static final String CHARTS = """
      (function () {
        var report = window.funnelcastReport;
        if (!report) { return null; }
        var out = [];
        document.querySelectorAll('.chart').forEach(function (node) {
          if (node.style.display === 'none') { return; }
          var chart = report.charts[node.id];
          var option = chart ? chart.getOption() : null;
          var canvas = node.querySelector('canvas');
          var painted = 0;
          if (canvas && canvas.width > 0 && canvas.height > 0) {
            var pixels = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height).data;
            for (var i = 3; i < pixels.length; i += 4) { if (pixels[i] > 0) { painted++; } }
          }
          out.push({ id: node.id, hasChart: !!chart, series: option ? option.series.length : 0,
            title: option && option.title.length ? option.title[0].text : '',
            axes: option ? [].concat(option.xAxis || []).concat(option.yAxis || []).map(function (a) { return a.name || ''; }) : [],
            painted: painted });
        });
        return out;
      }())""";

  private ReportPages() {}

  /** The report's charts after it loaded. */
  public static JsonNode charts(HeadlessChromium browser) throws Exception {
    return browser.evaluate(CHARTS);
  }

  /** The data the page drew from (the JSON it carries). */
  public static JsonNode data(HeadlessChromium browser) throws Exception {
    return browser.evaluate("window.funnelcastReport.data");
  }

  /** Where screenshots go for a person to look at: target/report-screenshots. */
  public static Path screenshot(String name) {
    return Path.of("target", "report-screenshots", name + ".png").toAbsolutePath();
  }

  /** The texts the page shows for sections without data. */
  public static JsonNode missing(HeadlessChromium browser) throws Exception {
    return browser.evaluate("Array.prototype.map.call(document.querySelectorAll('.missing'),"
        + " function (e) { return e.textContent.trim(); })");
  }
}
