package io.uv4j.demo;

import io.uv4j.LoopTracer.Phase;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Draws a {@link Recording} as an SVG timeline, written by hand: one lane for the loop thread
 * (phase bands, callbacks, drains), one per pool thread that ran Java work, and one per kind of
 * wait the loop handed off (requests in flight on the C thread pool, in the kernel, on the timer).
 */
final class TimelineSvg {
  /** Something the loop waited for: drawn on {@code lane} from {@code start} to {@code end}. */
  record Wait(String lane, String label, double start, double end) {}

  private static final int WIDTH = 1400;
  private static final int MARGIN = 20;
  private static final int LEFT = 190;
  private static final int RIGHT = 40;
  private static final int BAND = 30;
  private static final int ROW = 13;
  private static final int SPAN = 16;
  /** Average width of a character of the 10px label font, to keep labels from overlapping. */
  private static final double CHAR = 6.2;
  private static final Map<Phase, String> COLORS = new EnumMap<>(Phase.class);

  static {
    COLORS.put(Phase.TIMERS, "#f4a261");
    COLORS.put(Phase.PENDING, "#e9c46a");
    COLORS.put(Phase.IDLE, "#d8d8d8");
    COLORS.put(Phase.PREPARE, "#c9b8ea");
    COLORS.put(Phase.POLL, "#a8dadc");
    COLORS.put(Phase.CHECK, "#90be6d");
    COLORS.put(Phase.CLOSING, "#e76f51");
  }

  private static final String SCRIPT = "#bdbdbd";
  private static final String CALLBACK = "#1d3557";
  private static final String DRAIN = "#d62828";
  private static final String WORK = "#457b9d";
  private static final String WAIT = "#dfe7f0";

  private final StringBuilder svg = new StringBuilder();
  private final double scale;
  private final double step;
  private final double end;

  private TimelineSvg(double lastMs) {
    step = niceStep(lastMs / 10);
    end = Math.max(step, Math.ceil(lastMs / step) * step);
    scale = (WIDTH - LEFT - RIGHT) / end;
  }

  static void write(Path file, Recording rec, List<Wait> waits, String backend) throws IOException {
    double last = rec.scriptEnd();
    for (Recording.PhaseBand band : rec.bands()) last = Math.max(last, band.end());
    for (Recording.CallbackRun cb : rec.callbacks()) last = Math.max(last, cb.end);
    for (Recording.PoolWork work : rec.poolWork()) last = Math.max(last, work.end());
    for (Wait wait : waits) last = Math.max(last, wait.end());
    TimelineSvg timeline = new TimelineSvg(last);
    String body = timeline.draw(rec, waits, backend);
    Path parent = file.toAbsolutePath().getParent();
    if (parent != null) Files.createDirectories(parent);
    Files.writeString(file, body, StandardCharsets.UTF_8);
  }

  private double x(double ms) {
    return LEFT + ms * scale;
  }

  private String draw(Recording rec, List<Wait> waits, String backend) {
    int y = 70;
    int top = y;
    y = loopLane(rec, y);
    Map<String, List<Recording.PoolWork>> pool = new LinkedHashMap<>();
    for (Recording.PoolWork work : rec.poolWork()) pool.computeIfAbsent(work.thread(), k -> new ArrayList<>()).add(work);
    for (Map.Entry<String, List<Recording.PoolWork>> thread : pool.entrySet()) y = poolLane(thread.getKey(), thread.getValue(), y);
    Map<String, List<Wait>> lanes = new LinkedHashMap<>();
    for (Wait wait : waits) lanes.computeIfAbsent(wait.lane(), k -> new ArrayList<>()).add(wait);
    for (Map.Entry<String, List<Wait>> lane : lanes.entrySet()) y = waitLane(lane.getKey(), lane.getValue(), y);
    int axis = y + 6;
    String grid = grid(top - 20, axis);
    y = axis(axis);
    y = legend(rec, y + 14);
    int height = y + 10;

    StringBuilder doc = new StringBuilder();
    doc.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    doc.append(String.format(Locale.ROOT,
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" viewBox=\"0 0 %d %d\""
            + " font-family=\"DejaVu Sans, Helvetica, Arial, sans-serif\" font-size=\"10\">\n",
        WIDTH, height, WIDTH, height));
    doc.append(String.format(Locale.ROOT, "<rect width=\"%d\" height=\"%d\" fill=\"#ffffff\"/>\n", WIDTH, height));
    doc.append(String.format(Locale.ROOT,
        "<text x=\"%d\" y=\"24\" font-size=\"16\" font-weight=\"bold\">uv4j event-loop tour</text>\n", MARGIN));
    doc.append(String.format(Locale.ROOT,
        "<text x=\"%d\" y=\"42\" font-size=\"11\" fill=\"#444\">%d loop iterations, %d callbacks, %d drains;"
            + " I/O backend %s; time in ms since the start</text>\n",
        MARGIN, rec.iterations(), rec.callbacks().size(), rec.drains().size(), escape(backend)));
    doc.append(grid);
    doc.append(svg);
    doc.append("</svg>\n");
    return doc.toString();
  }

  /** The loop thread: the script, the phase bands, iteration numbers, callbacks, drains, labels. */
  private int loopLane(Recording rec, int top) {
    svg.append("<g class=\"lane\" id=\"lane-loop\">\n<title>loop thread</title>\n");
    laneLabel("loop thread", rec.loopThread(), top + BAND / 2);
    rect(x(0), top, rec.scriptEnd() * scale, BAND, SCRIPT, "main script, 0.00 to " + ms(rec.scriptEnd()));
    if (rec.scriptEnd() * scale > 60) text(x(0) + 4, top + BAND / 2 + 4, "script", "#222", "start");
    double lastNumber = Double.NEGATIVE_INFINITY;
    for (Recording.PhaseBand band : rec.bands()) {
      rect(x(band.start()), top, (band.end() - band.start()) * scale, BAND, COLORS.get(band.phase()),
          band.phase() + ", iteration " + band.iteration() + ", " + ms(band.start()) + " to " + ms(band.end()));
      if (band.phase() != Phase.POLL) continue;
      // each iteration enters the poll phase once: mark where, and number it where there is room
      line(x(band.start()), top - 8, x(band.start()), top - 2, "#555");
      if (x(band.start()) - lastNumber >= 18) {
        lastNumber = x(band.start());
        text(lastNumber + 2, top - 4, String.valueOf(band.iteration()), "#555", "start");
      }
    }
    svg.append(String.format(Locale.ROOT,
        "<text x=\"%d\" y=\"%d\" fill=\"#555\" text-anchor=\"end\">iteration</text>\n", LEFT - 4, top - 4));
    for (Recording.Drain drain : rec.drains()) {
      rect(x(drain.start()), top + BAND + 3, (drain.end() - drain.start()) * scale, 6, DRAIN,
          "drain: next-ticks then microtasks, " + ms(drain.start()) + " to " + ms(drain.end()));
    }
    List<Double> rowEnds = new ArrayList<>();
    int labelTop = top + BAND + 12;
    StringBuilder labels = new StringBuilder();
    for (Recording.CallbackRun cb : rec.callbacks()) {
      double cbEnd = Double.isNaN(cb.end) ? cb.start : cb.end;
      rect(x(cb.start), top - 2, (cbEnd - cb.start) * scale, BAND + 4, CALLBACK,
          cb.what + ": " + cb.phase + ", iteration " + cb.iteration + ", " + ms(cb.start) + " to " + ms(cbEnd));
      double at = x(cb.start);
      double width = cb.what.length() * CHAR;
      // a label that would run off the right edge goes to the left of its mark
      boolean left = at + 3 + width > WIDTH - 4;
      double from = left ? at - 3 - width : at + 3;
      int row = 0;
      while (row < rowEnds.size() && rowEnds.get(row) > from) row++;
      if (row == rowEnds.size()) rowEnds.add(from + width + 6);
      else rowEnds.set(row, from + width + 6);
      int baseline = labelTop + (row + 1) * ROW;
      line(at, top + BAND + 10, at, baseline - 3, "#8a8a8a");
      labels.append(textElement(left ? at - 3 : at + 3, baseline, cb.what, CALLBACK, left ? "end" : "start"));
    }
    // labels after every leader line, so that their halos keep the lines off the text
    svg.append(labels);
    svg.append("</g>\n");
    return labelTop + rowEnds.size() * ROW + 16;
  }

  private int poolLane(String thread, List<Recording.PoolWork> work, int top) {
    svg.append("<g class=\"lane\" id=\"lane-pool-").append(escape(thread)).append("\">\n<title>")
        .append(escape(thread)).append("</title>\n");
    laneLabel(thread, "pool thread, Java work", top + SPAN / 2 + 4);
    for (Recording.PoolWork item : work) {
      String label = item.what() + ", " + ms(item.end() - item.start());
      spanWithLabel(item.start(), item.end(), top + 4, label, WORK, "#ffffff", "#1d3557");
    }
    svg.append("</g>\n");
    separator(top + SPAN + 12);
    return top + SPAN + 16;
  }

  /** Waits of one kind, overlapping ones on rows of their own. */
  private int waitLane(String lane, List<Wait> waits, int top) {
    svg.append("<g class=\"lane\" id=\"lane-").append(escape(lane.replaceAll("[^A-Za-z0-9]+", "-")))
        .append("\">\n<title>").append(escape(lane)).append("</title>\n");
    List<Double> rowEnds = new ArrayList<>();
    for (Wait wait : waits) {
      double from = x(wait.start());
      int row = 0;
      while (row < rowEnds.size() && rowEnds.get(row) > from) row++;
      double right = Math.max(x(wait.end()), from + 1) + 4 + wait.label().length() * CHAR + 8;
      if (row == rowEnds.size()) rowEnds.add(right);
      else rowEnds.set(row, right);
      spanWithLabel(wait.start(), wait.end(), top + 4 + row * (SPAN + 4), wait.label(), WAIT, "#1d3557", "#1d3557");
    }
    int height = Math.max(1, rowEnds.size()) * (SPAN + 4);
    laneLabel(lane, "in flight: issue to callback", top + height / 2 + 4);
    svg.append("</g>\n");
    separator(top + height + 8);
    return top + height + 12;
  }

  private void spanWithLabel(double start, double stop, int top, String label, String fill, String inside, String outside) {
    double width = Math.max(1.5, (stop - start) * scale);
    svg.append(String.format(Locale.ROOT,
        "<rect x=\"%.2f\" y=\"%d\" width=\"%.2f\" height=\"%d\" fill=\"%s\" stroke=\"#457b9d\" stroke-width=\"0.6\"><title>%s</title></rect>\n",
        x(start), top, width, SPAN, fill, escape(label + ", " + ms(start) + " to " + ms(stop))));
    if (label.length() * CHAR + 8 < width) {
      svg.append(String.format(Locale.ROOT, "<text x=\"%.2f\" y=\"%d\" fill=\"%s\">%s</text>\n",
          x(start) + 4, top + SPAN - 4, inside, escape(label)));
    } else {
      text(x(start) + width + 4, top + SPAN - 4, label, outside, "start");
    }
  }

  private void laneLabel(String name, String note, int middle) {
    text(LEFT - 10, middle - 1, name, "#111", "end");
    svg.append(String.format(Locale.ROOT,
        "<text x=\"%d\" y=\"%d\" fill=\"#666\" font-size=\"9\" text-anchor=\"end\">%s</text>\n",
        LEFT - 10, middle + 10, escape(note)));
  }

  private void separator(int y) {
    line(MARGIN, y, WIDTH - RIGHT, y, "#e3e3e3");
  }

  private String grid(int top, int bottom) {
    StringBuilder grid = new StringBuilder("<g id=\"grid\">\n");
    for (double t = 0; t <= end + step / 2; t += step) {
      grid.append(String.format(Locale.ROOT,
          "<line x1=\"%.2f\" y1=\"%d\" x2=\"%.2f\" y2=\"%d\" stroke=\"#eeeeee\" stroke-width=\"1\"/>\n",
          x(t), top, x(t), bottom));
    }
    return grid.append("</g>\n").toString();
  }

  private int axis(int y) {
    svg.append("<g id=\"axis\">\n");
    line(x(0), y, x(end), y, "#333");
    for (double t = 0; t <= end + step / 2; t += step) {
      line(x(t), y, x(t), y + 5, "#333");
      text(x(t), y + 17, tick(t), "#333", "middle");
    }
    text(x(end), y + 31, "ms since the start", "#333", "end");
    svg.append("</g>\n");
    return y + 36;
  }

  private int legend(Recording rec, int y) {
    svg.append("<g id=\"legend\">\n");
    Set<Phase> seen = EnumSet.noneOf(Phase.class);
    for (Recording.PhaseBand band : rec.bands()) seen.add(band.phase());
    double at = MARGIN;
    at = swatch(at, y, SCRIPT, "main script");
    for (Phase phase : seen) at = swatch(at, y, COLORS.get(phase), phase + " phase");
    at = swatch(at, y, CALLBACK, "callback");
    at = swatch(at, y, DRAIN, "drain (next-ticks, microtasks)");
    at = swatch(at, y, WORK, "work on a pool thread");
    swatch(at, y, WAIT, "waiting: request in flight");
    text(MARGIN, y + 26,
        "Phases are drawn from the tracer's phase entered/left events; a poll band includes the time the loop"
            + " slept waiting for events. Hover a mark for its exact times.",
        "#555", "start");
    svg.append("</g>\n");
    return y + 34;
  }

  private double swatch(double at, int y, String color, String label) {
    svg.append(String.format(Locale.ROOT,
        "<rect x=\"%.2f\" y=\"%d\" width=\"12\" height=\"12\" fill=\"%s\" stroke=\"#888\" stroke-width=\"0.5\"/>\n",
        at, y, color));
    text(at + 16, y + 10, label, "#222", "start");
    return at + 16 + label.length() * CHAR + 18;
  }

  private void rect(double left, int top, double width, int height, String fill, String title) {
    svg.append(String.format(Locale.ROOT,
        "<rect x=\"%.2f\" y=\"%d\" width=\"%.2f\" height=\"%d\" fill=\"%s\"><title>%s</title></rect>\n",
        left, top, Math.max(1.2, width), height, fill, escape(title)));
  }

  private void line(double x1, int y1, double x2, int y2, String color) {
    svg.append(String.format(Locale.ROOT,
        "<line x1=\"%.2f\" y1=\"%d\" x2=\"%.2f\" y2=\"%d\" stroke=\"%s\" stroke-width=\"0.8\"/>\n",
        x1, y1, x2, y2, color));
  }

  private void text(double left, int baseline, String text, String color, String anchor) {
    svg.append(textElement(left, baseline, text, color, anchor));
  }

  /** Text with a white halo, so that lines passing behind it do not cross it out. */
  private static String textElement(double left, int baseline, String text, String color, String anchor) {
    return String.format(Locale.ROOT,
        "<text x=\"%.2f\" y=\"%d\" fill=\"%s\" text-anchor=\"%s\" stroke=\"#ffffff\" stroke-width=\"3\""
            + " stroke-linejoin=\"round\" paint-order=\"stroke\">%s</text>\n",
        left, baseline, color, anchor, escape(text));
  }

  private String tick(double t) {
    return step >= 1 ? String.format(Locale.ROOT, "%.0f", t) : String.format(Locale.ROOT, "%.1f", t);
  }

  private static String ms(double t) {
    return String.format(Locale.ROOT, "%.2f ms", t);
  }

  /** 1, 2 or 5 times a power of ten, at least {@code raw}. */
  static double niceStep(double raw) {
    if (!(raw > 0)) return 1;
    double power = Math.pow(10, Math.floor(Math.log10(raw)));
    for (double m : new double[] {1, 2, 5}) {
      if (m * power >= raw) return m * power;
    }
    return 10 * power;
  }

  static String escape(String text) {
    StringBuilder out = new StringBuilder(text.length());
    for (char c : text.toCharArray()) {
      switch (c) {
        case '&':
          out.append("&amp;");
          break;
        case '<':
          out.append("&lt;");
          break;
        case '>':
          out.append("&gt;");
          break;
        case '"':
          out.append("&quot;");
          break;
        default:
          out.append(c);
      }
    }
    return out.toString();
  }
}
