#pragma once
// Standardizing a sample column by column (mean 0, population sd 1), as the bmi benchmark does
// before every estimate, so that no estimator gains or loses by the scale a task happens to have.
#include "miwb/variable.h"

namespace miwb {

// Standardizes the values of a continuous variable in place and returns true; a variable with
// labels is left as it is (false). A constant column is only centred: it has no scale to divide by.
bool standardizeColumns(Variable& v);

}  // namespace miwb
