// The shell built-ins the process planner (process.h) evaluates in `sh -c` scripts,
// as busybox sh does: variable and arithmetic expansion, `seq`, and `test`/`[`.
#pragma once

#include <cstddef>
#include <map>
#include <string>
#include <vector>

namespace kt::node {

using ShellVars = std::map<std::string, std::string>;

// $VAR, ${VAR}, $? and $((arithmetic)) in one word (unset variables are empty).
std::string shell_expand(const std::string& word, const ShellVars& vars, int last_status);

// $(( )) with + - * / % on integers and variable names (with or without $).
long long shell_arith(const std::string& expr, const ShellVars& vars);

// seq [FIRST [STEP]] LAST (argv[0] is "seq"), at most `limit` numbers.
std::vector<std::string> shell_seq(const std::vector<std::string>& argv, std::size_t limit);

// test / [ (argv[0] is "test" or "["): string and integer comparisons, -z, -n, !.
// The exit status (0 true, 1 false, 2 error with `error` set to busybox's message).
int shell_test(std::vector<std::string> argv, std::string& error);

}  // namespace kt::node
