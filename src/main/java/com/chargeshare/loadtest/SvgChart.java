package com.chargeshare.loadtest;

import java.util.List;
import java.util.Locale;

/**
 * Small inline SVG charts, so the HTML report needs no script and no network to be read.
 */
final class SvgChart {

  record Series(String name, String color, double[] x, double[] y) {
  }

  /** A labelled tick on the x axis. */
  record Tick(double at, String label) {
  }

  private static final int WIDTH = 880;
  private static final int HEIGHT = 300;
  private static final int LEFT = 70;
  private static final int RIGHT = 20;
  private static final int TOP = 34;
  private static final int BOTTOM = 46;

  private SvgChart() {
  }

  /** A line chart; {@code xTicks} null means evenly spaced numeric ticks. */
  static String lines(String title, String xLabel, String yLabel, List<Series> series, List<Tick> xTicks) {
    double minX = Double.MAX_VALUE;
    double maxX = -Double.MAX_VALUE;
    double maxY = 0;
    for (Series s : series) {
      for (int i = 0; i < s.x().length; i++) {
        minX = Math.min(minX, s.x()[i]);
        maxX = Math.max(maxX, s.x()[i]);
        maxY = Math.max(maxY, s.y()[i]);
      }
    }
    if (minX == Double.MAX_VALUE) {
      return empty(title);
    }
    if (maxX <= minX) {
      maxX = minX + 1;
    }
    double top = niceCeiling(maxY);
    StringBuilder svg = open(title);
    axes(svg, xLabel, yLabel, top);
    double x0 = minX;
    double x1 = maxX;
    List<Tick> ticks = xTicks != null ? xTicks : numericTicks(minX, maxX);
    for (Tick t : ticks) {
      if (t.at() < x0 || t.at() > x1) {
        continue;
      }
      double px = px(t.at(), x0, x1);
      svg.append(fmt("<line x1='%.1f' y1='%d' x2='%.1f' y2='%d' stroke='#e3e3e3'/>", px, TOP, px, HEIGHT - BOTTOM));
      svg.append(fmt("<text x='%.1f' y='%d' text-anchor='middle' class='tick'>%s</text>", px, HEIGHT - BOTTOM + 16,
          escape(t.label())));
    }
    int legendX = LEFT + 10;
    for (Series s : series) {
      StringBuilder points = new StringBuilder();
      for (int i = 0; i < s.x().length; i++) {
        points.append(fmt("%.1f,%.1f ", px(s.x()[i], x0, x1), py(s.y()[i], top)));
      }
      svg.append(fmt("<polyline fill='none' stroke='%s' stroke-width='1.8' points='%s'/>", s.color(), points.toString().trim()));
      svg.append(fmt("<rect x='%d' y='%d' width='12' height='4' fill='%s'/>", legendX, 22, s.color()));
      svg.append(fmt("<text x='%d' y='%d' class='tick'>%s</text>", legendX + 16, 27, escape(s.name())));
      legendX += 24 + 7 * s.name().length();
    }
    return svg.append("</svg>").toString();
  }

  /** A bar chart of counts per labelled bucket. */
  static String bars(String title, String xLabel, String yLabel, List<String> labels, double[] values) {
    if (values.length == 0) {
      return empty(title);
    }
    double maxY = 0;
    for (double v : values) {
      maxY = Math.max(maxY, v);
    }
    double top = niceCeiling(maxY);
    StringBuilder svg = open(title);
    axes(svg, xLabel, yLabel, top);
    double slot = (WIDTH - LEFT - RIGHT) / (double) values.length;
    int labelEvery = Math.max(1, (int) Math.ceil(values.length / 14.0));
    for (int i = 0; i < values.length; i++) {
      double x = LEFT + i * slot;
      double y = py(values[i], top);
      svg.append(fmt("<rect x='%.1f' y='%.1f' width='%.1f' height='%.1f' fill='#4e79a7'><title>%s: %.0f</title></rect>",
          x + 1, y, Math.max(1, slot - 2), HEIGHT - BOTTOM - y, escape(labels.get(i)), values[i]));
      if (i % labelEvery == 0) {
        svg.append(fmt("<text x='%.1f' y='%d' text-anchor='middle' class='tick'>%s</text>", x + slot / 2,
            HEIGHT - BOTTOM + 16, escape(labels.get(i))));
      }
    }
    return svg.append("</svg>").toString();
  }

  private static StringBuilder open(String title) {
    StringBuilder svg = new StringBuilder();
    svg.append(fmt("<svg xmlns='http://www.w3.org/2000/svg' viewBox='0 0 %d %d' width='%d' height='%d' role='img'>",
        WIDTH, HEIGHT, WIDTH, HEIGHT));
    svg.append(fmt("<text x='%d' y='14' class='title'>%s</text>", LEFT, escape(title)));
    return svg;
  }

  private static void axes(StringBuilder svg, String xLabel, String yLabel, double top) {
    for (int i = 0; i <= 4; i++) {
      double value = top * i / 4;
      double y = py(value, top);
      svg.append(fmt("<line x1='%d' y1='%.1f' x2='%d' y2='%.1f' stroke='#e3e3e3'/>", LEFT, y, WIDTH - RIGHT, y));
      svg.append(fmt("<text x='%d' y='%.1f' text-anchor='end' class='tick'>%s</text>", LEFT - 6, y + 4, number(value)));
    }
    svg.append(fmt("<line x1='%d' y1='%d' x2='%d' y2='%d' stroke='#555'/>", LEFT, HEIGHT - BOTTOM, WIDTH - RIGHT, HEIGHT - BOTTOM));
    svg.append(fmt("<line x1='%d' y1='%d' x2='%d' y2='%d' stroke='#555'/>", LEFT, TOP, LEFT, HEIGHT - BOTTOM));
    svg.append(fmt("<text x='%d' y='%d' text-anchor='middle' class='axis'>%s</text>", (LEFT + WIDTH - RIGHT) / 2,
        HEIGHT - 8, escape(xLabel)));
    svg.append(fmt("<text transform='translate(14 %d) rotate(-90)' text-anchor='middle' class='axis'>%s</text>",
        (TOP + HEIGHT - BOTTOM) / 2, escape(yLabel)));
  }

  private static String empty(String title) {
    return open(title).append(fmt("<text x='%d' y='%d' class='axis'>no data</text>", LEFT, HEIGHT / 2)).append("</svg>").toString();
  }

  private static List<Tick> numericTicks(double min, double max) {
    double step = niceCeiling((max - min) / 8);
    if (step <= 0) {
      step = 1;
    }
    java.util.ArrayList<Tick> ticks = new java.util.ArrayList<>();
    for (double v = Math.ceil(min / step) * step; v <= max + 1e-9; v += step) {
      ticks.add(new Tick(v, number(v)));
    }
    return ticks;
  }

  /** Rounds up to 1, 2 or 5 times a power of ten, for readable axis tops. */
  static double niceCeiling(double value) {
    if (value <= 0) {
      return 1;
    }
    double magnitude = Math.pow(10, Math.floor(Math.log10(value)));
    for (double m : new double[] {1, 2, 2.5, 5, 10}) {
      if (value <= m * magnitude * 1.000001) {
        return m * magnitude;
      }
    }
    return 10 * magnitude;
  }

  private static double px(double x, double x0, double x1) {
    return LEFT + (x - x0) / (x1 - x0) * (WIDTH - LEFT - RIGHT);
  }

  private static double py(double y, double top) {
    return HEIGHT - BOTTOM - Math.min(y, top) / top * (HEIGHT - TOP - BOTTOM);
  }

  static String number(double v) {
    if (v != 0 && Math.abs(v) < 10 && v != Math.rint(v)) {
      return fmt("%.2f", v);
    }
    return fmt("%,.0f", v);
  }

  static String escape(String text) {
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("'", "&#39;").replace("\"", "&quot;");
  }

  private static String fmt(String format, Object... args) {
    return String.format(Locale.ROOT, format, args);
  }
}
