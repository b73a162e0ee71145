package io.funnelcast.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Debian's chromium, headless, driven over the DevTools protocol: opens a page, records every console error,
 * uncaught exception and failed resource load, evaluates JavaScript in it and takes full-page screenshots.
 *
 * <p>The binary is {@code -Dchromium.path} (default: chromium on PATH). bin/test installs it in the background
 * while the unit tests run and names a file it writes the install's exit code to ({@code -Dchromium.ready});
 * a test waits for that file before it starts the browser.
 */
public final class HeadlessChromium implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern LISTENING = Pattern.compile("DevTools listening on (ws://\\S+)");
  private static final Duration TIMEOUT = Duration.ofSeconds(60);

  private final Process process;
  private final Path profile;
  private final WebSocket socket;
  private final AtomicInteger ids = new AtomicInteger();
  private final Map<Integer, CompletableFuture<JsonNode>> pending = new ConcurrentHashMap<>();
  private final List<JsonNode> events = new CopyOnWriteArrayList<>();
  private String session;

  private HeadlessChromium(Process process, Path profile, String url) throws Exception {
    this.process = process;
    this.profile = profile;
    this.socket = HttpClient.newHttpClient().newWebSocketBuilder().buildAsync(URI.create(url), new Listener())
        .get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
  }

  /** Starts the browser; fails, saying how to get one, when there is none. */
  public static HeadlessChromium start() throws Exception {
    awaitInstall();
    String binary = System.getProperty("chromium.path", "chromium");
    Path profile = Files.createTempDirectory("funnelcast-chromium");
    // The background-networking flags keep the browser from dialling out on a closed network.
    List<String> command = List.of(binary, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
        "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync",
        "--disable-extensions", "--hide-scrollbars", "--user-data-dir=" + profile, "--remote-debugging-port=0",
        "about:blank");
    Process process;
    try {
      process = new ProcessBuilder(command).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
    } catch (IOException e) {
      throw new IllegalStateException("no Chromium at '" + binary + "': install Debian's chromium (apt-get install"
          + " chromium) or run bin/test, which does; -Dchromium.path names another binary", e);
    }
    BufferedReader err = new BufferedReader(new InputStreamReader(process.getErrorStream(), StandardCharsets.UTF_8));
    String line;
    while ((line = err.readLine()) != null) {
      Matcher m = LISTENING.matcher(line);
      if (m.find()) {
        Thread drain = new Thread(() -> err.lines().forEach(l -> { }), "chromium-stderr");
        drain.setDaemon(true);
        drain.start();
        return new HeadlessChromium(process, profile, m.group(1));
      }
    }
    throw new IllegalStateException("chromium exited before it listened (exit " + process.waitFor() + ")");
  }

  private static void awaitInstall() throws Exception {
    String ready = System.getProperty("chromium.ready", "");
    if (ready.isBlank()) {
      return;
    }
    Path file = Path.of(ready);
    long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(20);
    while (!Files.exists(file) && System.nanoTime() < deadline) {
      Thread.sleep(1000);
    }
    String status = Files.exists(file) ? Files.readString(file).trim() : "still installing after 20 minutes";
    if (!status.equals("0")) {
      throw new IllegalStateException("bin/test's install of chromium did not succeed: " + status);
    }
  }

  /** Opens {@code page} in a new tab of the given viewport width and waits for its load event. */
  public void open(Path page, int width) throws Exception {
    JsonNode target = browser("Target.createTarget", Map.of("url", "about:blank"));
    session = browser("Target.attachToTarget", Map.of("targetId", target.path("targetId").asText(), "flatten", true))
        .path("sessionId").asText();
    for (String domain : List.of("Page", "Runtime", "Log", "Network")) {
      send(domain + ".enable", Map.of());
    }
    send("Emulation.setDeviceMetricsOverride", Map.of("width", width, "height", 900, "deviceScaleFactor", 1,
        "mobile", false));
    events.clear();
    send("Page.navigate", Map.of("url", page.toUri().toString()));
    long deadline = System.nanoTime() + TIMEOUT.toNanos();
    while (events.stream().noneMatch(e -> e.path("method").asText().equals("Page.loadEventFired"))) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("the page did not load in " + TIMEOUT.toSeconds() + " s: " + page);
      }
      Thread.sleep(50);
    }
  }

  /** Console errors, uncaught exceptions and failed loads since the page was opened, one line each. */
  public List<String> problems() {
    List<String> problems = new ArrayList<>();
    for (JsonNode event : events) {
      JsonNode params = event.path("params");
      switch (event.path("method").asText()) {
        case "Runtime.exceptionThrown" -> problems.add("exception: " + params.path("exceptionDetails").toString());
        case "Runtime.consoleAPICalled" -> {
          if (List.of("error", "assert").contains(params.path("type").asText())) {
            problems.add("console." + params.path("type").asText() + ": " + params.path("args").toString());
          }
        }
        case "Log.entryAdded" -> {
          if (params.path("entry").path("level").asText().equals("error")) {
            problems.add("log: " + params.path("entry").path("text").asText() + " "
                + params.path("entry").path("url").asText());
          }
        }
        case "Network.loadingFailed" -> problems.add("failed load: " + params.toString());
        default -> { }
      }
    }
    return problems;
  }

  /** The value of a JavaScript expression in the page (JSON-serialisable). */
  public JsonNode evaluate(String expression) throws Exception {
    JsonNode result = send("Runtime.evaluate", Map.of("expression", expression, "returnByValue", true));
    if (result.has("exceptionDetails")) {
      throw new IllegalStateException("the expression threw: " + result.path("exceptionDetails"));
    }
    return result.path("result").path("value");
  }

  /** A PNG of the whole page, however long. */
  public void screenshot(Path png) throws Exception {
    JsonNode metrics = send("Page.getLayoutMetrics", Map.of());
    int width = (int) Math.ceil(metrics.path("cssContentSize").path("width").asDouble());
    int height = (int) Math.ceil(metrics.path("cssContentSize").path("height").asDouble());
    JsonNode shot = send("Page.captureScreenshot", Map.of("format", "png", "captureBeyondViewport", true,
        "clip", Map.of("x", 0, "y", 0, "width", width, "height", height, "scale", 1)));
    Files.createDirectories(png.getParent());
    Files.write(png, Base64.getDecoder().decode(shot.path("data").asText()));
  }

  /** A PNG of the first element matching a CSS selector. */
  public void screenshot(Path png, String selector) throws Exception {
    JsonNode box = evaluate("(function () { var r = document.querySelector(" + JSON.writeValueAsString(selector)
        + ").getBoundingClientRect(); return { x: r.left + window.scrollX, y: r.top + window.scrollY,"
        + " width: r.width, height: r.height }; }())");
    JsonNode shot = send("Page.captureScreenshot", Map.of("format", "png", "captureBeyondViewport", true,
        "clip", Map.of("x", box.path("x").asDouble(), "y", box.path("y").asDouble(), "width", box.path("width").asDouble(),
            "height", box.path("height").asDouble(), "scale", 1)));
    Files.createDirectories(png.getParent());
    Files.write(png, Base64.getDecoder().decode(shot.path("data").asText()));
  }

  private JsonNode browser(String method, Map<String, Object> params) throws Exception {
    return call(null, method, params);
  }

  private JsonNode send(String method, Map<String, Object> params) throws Exception {
    return call(session, method, params);
  }

  private JsonNode call(String sessionId, String method, Map<String, Object> params) throws Exception {
    int id = ids.incrementAndGet();
    ObjectNode message = JSON.createObjectNode().put("id", id).put("method", method);
    message.set("params", JSON.valueToTree(params));
    if (sessionId != null) {
      message.put("sessionId", sessionId);
    }
    CompletableFuture<JsonNode> reply = new CompletableFuture<>();
    pending.put(id, reply);
    socket.sendText(JSON.writeValueAsString(message), true).get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
    JsonNode answer = reply.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
    if (answer.has("error")) {
      throw new IllegalStateException(method + " failed: " + answer.path("error"));
    }
    return answer.path("result");
  }

  @Override
  public void close() throws Exception {
    socket.abort();
    process.destroy();
    if (!process.waitFor(10, TimeUnit.SECONDS)) {
      process.destroyForcibly().waitFor();
    }
    org.apache.commons.io.FileUtils.deleteQuietly(profile.toFile());
  }

  private final class Listener implements WebSocket.Listener {
    private final StringBuilder partial = new StringBuilder();

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
      partial.append(data);
      if (last) {
        try {
          JsonNode message = JSON.readTree(partial.toString());
          if (message.has("id")) {
            CompletableFuture<JsonNode> reply = pending.remove(message.path("id").asInt());
            if (reply != null) {
              reply.complete(message);
            }
          } else {
            events.add(message);
          }
        } catch (IOException e) {
          pending.values().forEach(reply -> reply.completeExceptionally(e));
        }
        partial.setLength(0);
      }
      webSocket.request(1);
      return null;
    }
  }
}
