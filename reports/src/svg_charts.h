#pragma once
// Inline SVG charts generated in C++. Chosen over inlining a chart library:
// no third-party code in the page, the charts show without running any script,
// output is deterministic (golden-testable), and only three simple chart kinds
// are needed. Colours come from CSS classes so dark mode restyles them.
#include <string>
#include <vector>

namespace gauntlet::reports::detail {

struct ChartSeries {
  std::string label;
  std::string css_class;  ///< e.g. "s1"; styles the line and its legend swatch
  std::vector<double> values;
};

/// A shaded interval of the time axis (fault window) or of the state strip (breaker).
struct ChartBand {
  double start = 0, end = 0;
  std::string css_class;
  std::string label;  ///< tooltip
  std::string tag;    ///< short text drawn at the band's top left (e.g. the window's number); "" for none
};

struct LineChart {
  std::string title;
  std::string unit;
  std::vector<double> t;  ///< x values in seconds, ascending
  std::vector<ChartSeries> series;
  std::vector<ChartBand> shaded;  ///< drawn behind the lines over the full height
  std::vector<ChartBand> strip;   ///< drawn as a thin strip under the plot
  double t_end = 0;               ///< right edge of the x axis
};

/// A time-series chart with shaded windows, a state strip, axes and a legend.
std::string line_chart(const LineChart& chart);

/// A horizontal bar from `low` to `high` around a zero line with a dot at
/// `value`; `scale` is the largest magnitude drawn (same for every row).
std::string interval_bar(double value, double low, double high, double scale, const std::string& css_class);

/// A tiny trend line; `marks` are indices of change points.
std::string sparkline(const std::vector<double>& values, const std::vector<std::size_t>& marks);

}  // namespace gauntlet::reports::detail
