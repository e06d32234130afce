# Runs the three variants interleaved in one process, then gates the run twice:
# with gate.yaml (seed 000's rule: instrumented / plain <= 1.01), which must not
# fail, and with the same rule on the over-instrumented variant, which must.
# -DGAUNTLET=<gauntlet> -DBENCH=<overhead_bench> -DCONFIG=<gate.yaml> -DWORK=<dir>
file(REMOVE_RECURSE ${WORK})
file(MAKE_DIRECTORY ${WORK})
execute_process(COMMAND ${BENCH} --benchmark_repetitions=10 --benchmark_enable_random_interleaving=true
                        --benchmark_min_time=0.05 --benchmark_out=${WORK}/run.json --benchmark_out_format=json
                OUTPUT_FILE ${WORK}/bench.txt ERROR_FILE ${WORK}/bench.txt RESULT_VARIABLE rc)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "overhead_bench exited ${rc} (see ${WORK}/bench.txt)")
endif()

# gauntlet gate on run.json with <config>; <out> = its gate.json, parsed.
function(gate name config expected_rc out)
  execute_process(COMMAND ${GAUNTLET} gate --current ${WORK}/run.json --config ${config} --json ${WORK}/${name}.json
                          --markdown ${WORK}/${name}.md
                  OUTPUT_VARIABLE console ERROR_VARIABLE console RESULT_VARIABLE rc)
  message(STATUS "gauntlet gate --config ${config} (exit ${rc}):\n${console}")
  if(NOT rc EQUAL expected_rc)
    message(FATAL_ERROR "gauntlet gate with ${config} exited ${rc}, expected ${expected_rc}")
  endif()
  file(READ ${WORK}/${name}.json json)
  set(${out} "${json}" PARENT_SCOPE)
endfunction()

# The one ratio rule of a gate result: its fields as <prefix>_<field>.
function(the_rule json prefix)
  string(JSON count LENGTH "${json}" ratios)
  if(NOT count EQUAL 1)
    message(FATAL_ERROR "expected one ratio rule in the gate result, got ${count}")
  endif()
  foreach(field name numerator verdict ratio ci_low ci_high max pairs)
    string(JSON value GET "${json}" ratios 0 ${field})
    set(${prefix}_${field} "${value}" PARENT_SCOPE)
  endforeach()
endfunction()

# Seed 000's rule on the realistic instrumentation: within, or inconclusive
# when the machine's noise is wider than the 1% margin (inconclusive: warn).
gate(gate ${CONFIG} 0 real)
the_rule("${real}" r)
if(NOT r_numerator STREQUAL "BM_Request/instrumented" OR NOT r_pairs EQUAL 10)
  message(FATAL_ERROR "gate.yaml's rule: expected BM_Request/instrumented with 10 pairs, "
                      "got ${r_numerator} with ${r_pairs}")
endif()
if(NOT r_verdict MATCHES "^(within|inconclusive)$")
  message(FATAL_ERROR "instrumentation overhead: ${r_verdict}, ${r_ratio} [${r_ci_low}, ${r_ci_high}] (max ${r_max})")
endif()

# The same rule (same limit) on the over-instrumented variant must regress.
file(READ ${CONFIG} config)
string(REPLACE "numerator: BM_Request/instrumented," "numerator: BM_Request/over_instrumented," over "${config}")
if(over STREQUAL config)
  message(FATAL_ERROR "${CONFIG} has no rule 'numerator: BM_Request/instrumented,' to apply to the heavy variant")
endif()
file(WRITE ${WORK}/gate_over_instrumented.yaml "${over}")
gate(gate_over_instrumented ${WORK}/gate_over_instrumented.yaml 1 heavy)
the_rule("${heavy}" h)
string(JSON h_regressions GET "${heavy}" summary ratio_regressions)
if(NOT h_verdict STREQUAL "regressed" OR NOT h_regressions EQUAL 1 OR NOT h_max EQUAL r_max
   OR NOT h_ci_low GREATER h_max)
  message(FATAL_ERROR "over-instrumentation: expected regressed beyond max ${r_max}, got ${h_verdict}, "
                      "${h_ratio} [${h_ci_low}, ${h_ci_high}] (max ${h_max}, ${h_regressions} ratio regressions)")
endif()
message(STATUS "instrumented / plain: ${r_verdict}, ${r_ratio} [${r_ci_low}, ${r_ci_high}]; "
               "over_instrumented / plain: ${h_verdict}, ${h_ratio} [${h_ci_low}, ${h_ci_high}]; max ${r_max}")
