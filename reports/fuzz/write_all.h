#pragma once
// Fuzz targets' shared step: whatever a reader accepted goes through every
// writer `gauntlet report` has, which must neither throw nor crash.
#include "gauntlet/reports/report.h"
#include "gauntlet/reports/writers.h"

namespace gauntlet::reports::fuzz {

inline void write_all(const Report& report) {
  (void)summarize(report);
  (void)write_report_json(report);
  (void)write_junit_xml(report);
  (void)write_markdown(report);
  (void)write_html(report);
}

}  // namespace gauntlet::reports::fuzz
