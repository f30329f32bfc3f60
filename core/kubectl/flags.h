// Command-line flags as kubectl's cobra/pflag parse them: flags anywhere among the
// arguments, `--name=value`, `--name value`, `-n value`, `-nvalue`, `-n=value`,
// grouped boolean shorthands (`-Aw`), `--` ending flag parsing; errors with pflag's
// exact text ("unknown flag: --x", "flag needs an argument: 'o' in -o", ...).
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace kt::kubectl {

struct FlagSpec {
  enum class Kind { Bool, String, Int, StringList, StringArray };
  std::string name;      // "output"
  char shorthand = 0;    // 'o'
  Kind kind = Kind::String;
  std::string default_value;  // as pflag prints it in errors ("-1", "true")
  // pflag's NoOptDefVal: `--dry-run` alone means `--dry-run=unchanged`.
  std::string no_opt_default = {};
};

struct ParsedArgs {
  std::vector<std::string> positional;  // before `--`
  std::vector<std::string> after_dash;  // after `--`
  std::string error;                    // pflag's message; empty when parsing succeeded

  bool has(const std::string& name) const { return values_.count(name) > 0; }
  // The last value given, or `dflt`.
  std::string str(const std::string& name, const std::string& dflt = "") const;
  bool flag(const std::string& name, bool dflt = false) const;
  std::int64_t integer(const std::string& name, std::int64_t dflt) const;
  // Every value given (StringList values split on commas, as pflag's StringSlice).
  std::vector<std::string> list(const std::string& name) const;

  std::map<std::string, std::vector<std::string>> values_;
};

// The flags every command accepts (kubectl's persistent flags: -n, --context, ...).
const std::vector<FlagSpec>& global_flags();

// Parses args against `specs` plus the global flags.
ParsedArgs parse_args(const std::vector<std::string>& args, const std::vector<FlagSpec>& specs);

}  // namespace kt::kubectl
