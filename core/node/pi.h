// π to a number of significant digits, as Perl's `bpi(N)` (Math::BigFloat under
// `-Mbignum=bpi`) prints it: "3.14159…" with N digits in all, rounded half up.
// The Job of seed 001 (`perl -Mbignum=bpi -wle 'print bpi(2000)'`) really computes it.
#pragma once

#include <string>

namespace kt::node {

std::string pi_digits(int significant_digits);

}  // namespace kt::node
