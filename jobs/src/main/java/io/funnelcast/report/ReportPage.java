package io.funnelcast.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.github.mustachejava.DefaultMustacheFactory;
import com.github.mustachejava.Mustache;
import java.io.StringWriter;
import java.util.Map;

/**
 * The report's index.html from its template (report.mustache): the page's text and layout come from the
 * template, the figures from the data, embedded as JSON that report.js draws the charts from.
 */
final class ReportPage {
  static final String TEMPLATE = "io/funnelcast/report/report.mustache";
  private static final ObjectMapper JSON = new ObjectMapper().disable(SerializationFeature.FAIL_ON_EMPTY_BEANS);

  private ReportPage() {}

  static String render(ReportData data) {
    Mustache template = new DefaultMustacheFactory().compile(TEMPLATE);
    StringWriter out = new StringWriter();
    template.execute(out, Map.of("report", data, "json", json(data)));
    return out.toString();
  }

  /** The data as JSON that is safe inside a script element: no "<" can close it. */
  static String json(ReportData data) {
    try {
      return JSON.writeValueAsString(data).replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026");
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("the report's data could not be written as JSON", e);
    }
  }
}
