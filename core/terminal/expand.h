// Word expansion as bash does it when a command runs: tilde, parameters ($VAR,
// ${VAR}, ${VAR:-word}, $?, $$), command substitution ($(…), `…`), arithmetic
// ($((…))), quote removal, field splitting of unquoted results and globbing against
// the host's filesystem. Also the arithmetic evaluator for $((…)) and for ((…)).
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace kt::term {

class MemoryFs;

struct ExpandEnv {
  std::function<std::optional<std::string>(const std::string&)> get;  // a variable or special parameter
  std::function<void(const std::string&, const std::string&)> set;    // arithmetic assignments
  std::function<std::string(const std::string&)> run;                 // command substitution: its stdout
  std::function<const std::vector<std::string>*(const std::string&)> array;  // an indexed array; null: none
  const MemoryFs* fs = nullptr;                                        // globbing; null: none
  std::string error;  // set on "bad substitution", division by 0, …: the command does not run
};

// Words → fields (split, globbed). Quoted empty words stay as one empty field.
std::vector<std::string> expand_words(ExpandEnv& env, const std::vector<std::string>& raw);
// One word without splitting or globbing: assignment values, redirection targets.
std::string expand_word(ExpandEnv& env, std::string_view raw);
// A here-document body whose delimiter was unquoted: $, ` and \ are special.
std::string expand_heredoc(ExpandEnv& env, std::string_view body);
// Arithmetic as in $((…)); env.error is set on a bad expression.
long long eval_arith(ExpandEnv& env, std::string_view expr);
// fnmatch(3) without flags: *, ?, [...] and \ escapes.
bool glob_match(std::string_view pattern, std::string_view name);

}  // namespace kt::term
