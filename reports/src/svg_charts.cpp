#include "svg_charts.h"

#include <algorithm>
#include <cmath>

#include "text_escape.h"

namespace gauntlet::reports::detail {
namespace {

std::string num(double v) { return fixed(v, 1); }

// Rounds up to 1, 2 or 5 times a power of ten, for readable axis maxima.
double nice_ceiling(double v) {
  if (!(v > 0) || !std::isfinite(v)) return 1;
  double p = std::pow(10.0, std::floor(std::log10(v)));
  for (double m : {1.0, 2.0, 5.0, 10.0}) {
    if (v <= m * p) return m * p;
  }
  return 10 * p;
}

std::string short_number(double v) {
  double a = std::fabs(v);
  if (a >= 1e6) return fixed(v / 1e6, a >= 1e7 ? 0 : 1) + "M";
  if (a >= 1e4) return fixed(v / 1e3, 0) + "k";
  if (a >= 100 || a == 0) return fixed(v, 0);
  if (a >= 1) return fixed(v, 1);
  return fixed(v, 3);
}

}  // namespace

std::string line_chart(const LineChart& c) {
  constexpr double kW = 440, kH = 200, kLeft = 44, kRight = 8, kTop = 24, kStrip = 8, kBottom = 34;
  const double plot_w = kW - kLeft - kRight;
  const double plot_h = kH - kTop - kBottom;
  double t_end = c.t_end > 0 ? c.t_end : (c.t.empty() ? 1 : c.t.back());
  if (!(t_end > 0)) t_end = 1;
  double y_max = 0;
  for (const ChartSeries& s : c.series) {
    for (double v : s.values) {
      if (std::isfinite(v)) y_max = std::max(y_max, v);
    }
  }
  y_max = nice_ceiling(y_max);
  auto x = [&](double t) { return kLeft + std::clamp(t / t_end, 0.0, 1.0) * plot_w; };
  auto y = [&](double v) { return kTop + plot_h - std::clamp(v / y_max, 0.0, 1.0) * plot_h; };

  std::string out = "<svg class=\"chart\" viewBox=\"0 0 " + num(kW) + " " + num(kH) +
                    "\" role=\"img\" xmlns=\"http://www.w3.org/2000/svg\"><title>" + html(c.title) + "</title>";
  out += "<text class=\"ct\" x=\"" + num(kLeft) + "\" y=\"14\">" + html(c.title) +
         (c.unit.empty() ? "" : " (" + html(c.unit) + ")") + "</text>";
  std::vector<double> tag_x;  // tags of bands starting at nearly the same place stack downwards
  for (const ChartBand& b : c.shaded) {
    out += "<rect class=\"" + html(b.css_class) + "\" x=\"" + num(x(b.start)) + "\" y=\"" + num(kTop) + "\" width=\"" +
           num(std::max(1.0, x(b.end) - x(b.start))) + "\" height=\"" + num(plot_h) + "\"><title>" + html(b.label) +
           "</title></rect>";
    if (!b.tag.empty()) {
      double level = static_cast<double>(
          std::count_if(tag_x.begin(), tag_x.end(), [&](double at) { return std::fabs(at - x(b.start)) < 12; }));
      tag_x.push_back(x(b.start));
      out += "<text class=\"tag\" x=\"" + num(x(b.start) + 3) + "\" y=\"" + num(kTop + 11 + 11 * level) + "\">" +
             html(b.tag) + "</text>";
    }
  }
  for (int i = 0; i <= 2; ++i) {  // gridlines at 0, half, max
    double v = y_max * i / 2;
    out += "<line class=\"grid\" x1=\"" + num(kLeft) + "\" x2=\"" + num(kLeft + plot_w) + "\" y1=\"" + num(y(v)) +
           "\" y2=\"" + num(y(v)) + "\"/><text class=\"ax\" x=\"" + num(kLeft - 4) + "\" y=\"" + num(y(v) + 3) +
           "\" text-anchor=\"end\">" + short_number(v) + "</text>";
  }
  const double strip_y = kTop + plot_h + 3;
  for (const ChartBand& b : c.strip) {
    out += "<rect class=\"" + html(b.css_class) + "\" x=\"" + num(x(b.start)) + "\" y=\"" + num(strip_y) +
           "\" width=\"" + num(std::max(1.0, x(b.end) - x(b.start))) + "\" height=\"" + num(kStrip) + "\"><title>" +
           html(b.label) + "</title></rect>";
  }
  for (int i = 0; i <= 4; ++i) {
    double t = t_end * i / 4;
    out += "<text class=\"ax\" x=\"" + num(x(t)) + "\" y=\"" + num(kH - 6) + "\" text-anchor=\"" +
           (i == 0   ? "start"
            : i == 4 ? "end"
                     : "middle") +
           "\">" + short_number(t) + " s</text>";
  }
  // Thin the points to about one per pixel; the page stays small for long runs.
  std::size_t n = c.t.size();
  std::size_t step = std::max<std::size_t>(1, n / static_cast<std::size_t>(plot_w));
  double legend_x = kW - kRight;
  for (auto it = c.series.rbegin(); it != c.series.rend(); ++it) {
    const ChartSeries& s = *it;
    std::string points;
    for (std::size_t i = 0; i < n && i < s.values.size(); i += step) {
      if (!std::isfinite(s.values[i])) continue;
      points += num(x(c.t[i])) + "," + num(y(s.values[i])) + " ";
    }
    out += "<polyline class=\"ln " + html(s.css_class) + "\" points=\"" + points + "\"/>";
    legend_x -= 8 + 6.5 * static_cast<double>(s.label.size());
    out += "<rect class=\"sw " + html(s.css_class) + "\" x=\"" + num(legend_x - 12) +
           "\" y=\"6\" width=\"9\" height=\"9\"/>" + "<text class=\"ax\" x=\"" + num(legend_x) + "\" y=\"14\">" +
           html(s.label) + "</text>";
    legend_x -= 16;
  }
  out += "</svg>";
  return out;
}

std::string interval_bar(double value, double low, double high, double scale, const std::string& css_class) {
  constexpr double kW = 160, kH = 18, kMid = kW / 2, kHalf = kW / 2 - 6;
  if (!(scale > 0) || !std::isfinite(scale)) scale = 1;
  auto x = [&](double v) { return kMid + std::clamp(v / scale, -1.0, 1.0) * kHalf; };
  std::string out =
      "<svg class=\"ci\" viewBox=\"0 0 160 18\" width=\"160\" height=\"18\" xmlns=\"http://www.w3.org/2000/svg\">";
  out += "<line class=\"zero\" x1=\"" + num(kMid) + "\" x2=\"" + num(kMid) + "\" y1=\"1\" y2=\"" + num(kH - 1) + "\"/>";
  out += "<rect class=\"" + html(css_class) + "\" x=\"" + num(x(low)) + "\" y=\"5\" width=\"" +
         num(std::max(1.5, x(high) - x(low))) + "\" height=\"8\" rx=\"2\"/>";
  out += "<circle class=\"pt\" cx=\"" + num(x(value)) + "\" cy=\"9\" r=\"3\"/></svg>";
  return out;
}

std::string sparkline(const std::vector<double>& values, const std::vector<std::size_t>& marks) {
  constexpr double kW = 120, kH = 24;
  std::string out =
      "<svg class=\"spark\" viewBox=\"0 0 120 24\" width=\"120\" height=\"24\" xmlns=\"http://www.w3.org/2000/svg\">";
  if (values.empty()) return out + "</svg>";
  auto [lo_it, hi_it] = std::minmax_element(values.begin(), values.end());
  double lo = *lo_it, hi = *hi_it;
  if (hi - lo < 1e-12) {
    hi = lo + 1;
    lo -= 1;
  }
  auto x = [&](std::size_t i) {
    return values.size() == 1 ? kW / 2 : 2 + (kW - 4) * static_cast<double>(i) / static_cast<double>(values.size() - 1);
  };
  auto y = [&](double v) { return kH - 3 - (v - lo) / (hi - lo) * (kH - 6); };
  for (std::size_t m : marks) {
    if (m >= values.size()) continue;
    out += "<line class=\"cp\" x1=\"" + num(x(m)) + "\" x2=\"" + num(x(m)) + "\" y1=\"1\" y2=\"" + num(kH - 1) +
           "\"><title>change point</title></line>";
  }
  std::string points;
  for (std::size_t i = 0; i < values.size(); ++i) points += num(x(i)) + "," + num(y(values[i])) + " ";
  out += "<polyline class=\"ln s1\" points=\"" + points + "\"/>";
  out += "<circle class=\"pt\" cx=\"" + num(x(values.size() - 1)) + "\" cy=\"" + num(y(values.back())) +
         "\" r=\"2\"/></svg>";
  return out;
}

}  // namespace gauntlet::reports::detail
