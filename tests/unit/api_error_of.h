// What an API call answers when it fails, as one line: "422 Invalid: Pod "x" is
// invalid: ...", the code, the Status reason and the message every client prints.
#pragma once

#include <functional>
#include <string>

#include "core/api/errors.h"

namespace kt::api::testing {

inline std::string error_of(const std::function<void()>& fn) {
  try {
    fn();
  } catch (const ApiError& e) {
    return std::to_string(e.code()) + " " + e.reason() + ": " + e.message();
  }
  return "no error";
}

}  // namespace kt::api::testing
