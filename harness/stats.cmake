# gauntlet_harness_stats: rank tests, robust shifts, bootstrap, FDR control and
# change-point detection used by the benchmark gate (gauntlet::stats).
find_package(Boost 1.74 REQUIRED)

gauntlet_add_library(gauntlet_harness_stats
  SOURCES src/stats/mann_whitney.cpp src/stats/location_shift.cpp src/stats/bootstrap.cpp
          src/stats/multiple_testing.cpp src/stats/change_point.cpp src/stats/signed_rank.cpp
          src/stats/noise_interval.cpp src/stats/quantile_interval.cpp
  PUBLIC_DEPS gauntlet_harness_core
  PRIVATE_DEPS Boost::headers)
add_library(gauntlet::harness_stats ALIAS gauntlet_harness_stats)
target_link_libraries(gauntlet_harness INTERFACE gauntlet_harness_stats)

gauntlet_add_test(gauntlet_harness_stats_tests
  SOURCES tests/stats/mann_whitney_test.cpp tests/stats/location_and_fdr_test.cpp
          tests/stats/bootstrap_and_change_point_test.cpp tests/stats/signed_rank_and_noise_test.cpp
          tests/stats/quantile_interval_test.cpp
  LIBS gauntlet_harness_stats
  LABELS harness stats)
