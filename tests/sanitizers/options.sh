# Sanitizer run-time options for the test and fuzz scripts (sourced). Reports are fatal; the only
# suppressions are the commented ones in this folder.
supp="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
export UBSAN_OPTIONS="print_stacktrace=1:halt_on_error=1:suppressions=$supp/ubsan.supp"
export ASAN_OPTIONS="detect_stack_use_after_return=1:strict_string_checks=1:check_initialization_order=1"
export LSAN_OPTIONS="suppressions=$supp/lsan.supp:print_suppressions=0"
export TSAN_OPTIONS="halt_on_error=1:second_deadlock_stack=1:suppressions=$supp/tsan.supp"
