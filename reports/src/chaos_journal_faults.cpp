// The journal's fault schedule as labelled windows for display.
#include "chaos_journal_parts.h"
#include "text_escape.h"

namespace gauntlet::reports::detail {
namespace {

// "1" for 1.0, "0.5" for 0.5, "12.5" for 12.5: no trailing zeros.
std::string short_number(double v) {
  std::string s = fixed(v, 2);
  if (s.find('.') == std::string::npos) return s;
  while (s.back() == '0') s.pop_back();
  if (s.back() == '.') s.pop_back();
  return s;
}

std::string effect_text(const std::string& kind, double magnitude) {
  if (kind == "latency") return "latency " + short_number(magnitude) + " ms";
  if (kind == "error_rate") return "error rate " + short_number(magnitude * 100) + "%";
  return (kind.empty() ? "fault" : kind) + " " + short_number(magnitude);
}

}  // namespace

std::vector<FaultWindow> fault_windows(const records::Journal& journal) {
  std::vector<FaultWindow> out;
  out.reserve(journal.config.schedule.size());
  for (const records::JournalFault& f : journal.config.schedule) {
    FaultWindow w;
    w.point = f.point;
    w.effect = effect_text(f.kind, f.magnitude);
    // Hand-written journals may leave the label out: name the fault by what it does.
    w.label = f.label.empty() ? w.effect + " at " + w.point : f.label;
    w.start_s = seconds(f.start);
    w.end_s = seconds(f.end);
    out.push_back(std::move(w));
  }
  return out;
}

}  // namespace gauntlet::reports::detail
