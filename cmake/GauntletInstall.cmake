# Install rules and the CMake package: find_package(gauntlet CONFIG REQUIRED)
# gives gauntlet::harness, gauntlet::records, gauntlet::chaos, gauntlet::properties, gauntlet::reports,
# gauntlet::ci and gauntlet::bench (whichever components this tree builds), every
# area library they link, and the `gauntlet` command as gauntlet::gauntlet.
include(GNUInstallDirs)
include(CMakePackageConfigHelpers)

set(GAUNTLET_CMAKE_DIR ${CMAKE_INSTALL_LIBDIR}/cmake/gauntlet)

# Every library target of ours, exported without the "gauntlet_" prefix:
# gauntlet_harness -> gauntlet::harness, gauntlet_harness_metrics -> gauntlet::harness_metrics.
get_property(gauntlet_libraries GLOBAL PROPERTY GAUNTLET_LIBRARIES)
set(gauntlet_export_targets)
foreach(target IN LISTS gauntlet_libraries ITEMS gauntlet_harness gauntlet_records gauntlet_chaos gauntlet_properties
               gauntlet_reports gauntlet_ci gauntlet_bench)
  if(TARGET ${target} AND NOT target IN_LIST gauntlet_export_targets)
    get_target_property(aliased ${target} ALIASED_TARGET)
    if(aliased)
      continue()
    endif()
    string(REGEX REPLACE "^gauntlet_" "" export_name ${target})
    set_target_properties(${target} PROPERTIES EXPORT_NAME ${export_name})
    list(APPEND gauntlet_export_targets ${target})
  endif()
endforeach()

# Each exported name is also an ALIAS in the build tree, so a project that adds
# Gauntlet with add_subdirectory or FetchContent links the same gauntlet::X.
foreach(target IN LISTS gauntlet_export_targets)
  get_target_property(export_name ${target} EXPORT_NAME)
  if(TARGET gauntlet::${export_name})
    get_target_property(aliased gauntlet::${export_name} ALIASED_TARGET)
  else()
    set(aliased "")
  endif()
  if(NOT aliased STREQUAL target)
    message(FATAL_ERROR "${target} is exported as gauntlet::${export_name} but the build tree has no such "
                        "ALIAS of it: add add_library(gauntlet::${export_name} ALIAS ${target}) beside it")
  endif()
endforeach()

install(TARGETS ${gauntlet_export_targets} EXPORT gauntletTargets
        ARCHIVE DESTINATION ${CMAKE_INSTALL_LIBDIR}
        LIBRARY DESTINATION ${CMAKE_INSTALL_LIBDIR}
        INCLUDES DESTINATION ${CMAKE_INSTALL_INCLUDEDIR})
# The `gauntlet` command, imported by consumers as gauntlet::gauntlet.
install(TARGETS gauntlet EXPORT gauntletTargets RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR})

# Public headers of every exported library (the built-in scenarios and the
# service chain fixture they link).
foreach(component harness records chaos properties reports ci benchmarks fixtures/service_chain fixtures/chaos_scenarios)
  if(IS_DIRECTORY ${PROJECT_SOURCE_DIR}/${component}/include)
    install(DIRECTORY ${PROJECT_SOURCE_DIR}/${component}/include/ DESTINATION ${CMAKE_INSTALL_INCLUDEDIR})
  endif()
endforeach()

install(EXPORT gauntletTargets NAMESPACE gauntlet:: DESTINATION ${GAUNTLET_CMAKE_DIR})
configure_package_config_file(${PROJECT_SOURCE_DIR}/cmake/gauntletConfig.cmake.in
                              ${PROJECT_BINARY_DIR}/gauntletConfig.cmake
                              INSTALL_DESTINATION ${GAUNTLET_CMAKE_DIR})
write_basic_package_version_file(${PROJECT_BINARY_DIR}/gauntletConfigVersion.cmake
                                 COMPATIBILITY SameMajorVersion)
install(FILES ${PROJECT_BINARY_DIR}/gauntletConfig.cmake ${PROJECT_BINARY_DIR}/gauntletConfigVersion.cmake
        DESTINATION ${GAUNTLET_CMAKE_DIR})
