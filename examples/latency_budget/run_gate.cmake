# Runs the benchmark interleaved with itself (A B A B) and gates the result.
# -DGAUNTLET=<gauntlet> -DBENCH=<benchmark binary> -DCONFIG=<gate.yaml> -DWORK=<dir>
file(REMOVE_RECURSE ${WORK})
file(MAKE_DIRECTORY ${WORK})
execute_process(COMMAND ${GAUNTLET} bench run --binary ${BENCH} --candidate ${BENCH} --rounds 2 --repetitions 3 --min-time 0.05
                        --out ${WORK}/base.json --candidate-out ${WORK}/current.json
                RESULT_VARIABLE rc)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "gauntlet bench run exited ${rc}")
endif()
execute_process(COMMAND ${GAUNTLET} gate --baseline ${WORK}/base.json --current ${WORK}/current.json
                        --config ${CONFIG} --json ${WORK}/gate.json --markdown ${WORK}/gate.md
                RESULT_VARIABLE rc)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "gauntlet gate exited ${rc} (see ${WORK}/gate.md)")
endif()
file(READ ${WORK}/gate.json gate)
string(JSON verdict GET "${gate}" verdict)
string(JSON budgets LENGTH "${gate}" budgets)
if(NOT verdict STREQUAL "pass" OR budgets EQUAL 0)
  message(FATAL_ERROR "expected a passing gate with budgets checked, got ${verdict} with ${budgets} budgets")
endif()
message(STATUS "gate: ${verdict}, ${budgets} budget checks")
