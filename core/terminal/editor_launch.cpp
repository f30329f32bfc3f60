// The editors as programs of the simulated hosts: `vi FILE`, `vim FILE`, `nano FILE`
// ask the terminal to open its editor (Shell::take_edit_request), and
// run_editor starts the user's editor for kubectl edit the way kubectl's editor
// package does: a bare program with its arguments and the file, or a line that
// needs a shell (`sed -i 's/a/b/'`) through `$SHELL -c 'LINE "FILE"'`. A vi or
// nano opened that way takes the terminal's keys; kubectl edit goes on once it
// closes (EditRequest::then).
#include <utility>

#include "core/terminal/shell_state.h"
#include "core/util/go_quote.h"

namespace kt::term {
namespace {

std::string single_quoted(const std::string& s) {
  std::string out = "'";
  for (char c : s) {
    if (c == '\'') out += "'\\''";
    else out += c;
  }
  return out + "'";
}

std::string program_name(const std::string& path) {
  const auto slash = path.rfind('/');
  return slash == std::string::npos ? path : path.substr(slash + 1);
}

// exec.LookPath: a program on the host (the shell's builtins count, as their
// /usr/bin twins do), or a path to an executable file.
bool program_exists(ShellState& sh, const std::string& name) {
  if (name.find('/') == std::string::npos) return sh.commands.count(name) > 0;
  for (const auto& [n, info] : sh.commands)
    if (!info.path.empty() && info.path == sh.fs().absolute(name)) return true;
  auto st = sh.fs().stat(name);
  return st && !st->dir && (st->mode & 0100);
}

// vi/vim/nano FILE: the terminal opens its editor once this command line has run
// (or, under kubectl edit, once kubectl hands over).
int editor_program(Invocation& inv) {
  const std::string cmd = inv.argv[0];
  const bool may_open = inv.sh.editors && (inv.to_terminal() || inv.sh.editor_launch);
  if (!may_open) return inv.fail(cmd + ": the editor runs in the interactive terminal only; here use cat > file <<EOF\n");
  std::string path;
  for (std::size_t i = 1; i < inv.argv.size(); ++i)
    if (!inv.argv[i].empty() && inv.argv[i][0] != '-' && inv.argv[i][0] != '+') path = inv.argv[i];
  if (path.empty()) return inv.fail(cmd + ": give the file to edit: " + cmd + " FILE\n");
  EditRequest req;
  req.path = path;
  req.editor = program_name(cmd) == "nano" ? "nano" : "vi";
  inv.sh.edit_request = std::move(req);
  return 0;
}

}  // namespace

EditorOutcome run_editor(ShellState& sh, const std::vector<std::string>& args, bool via_shell,
                         const std::string& path, bool at_prompt) {
  EditorOutcome r;
  if (args.empty()) return r;
  std::string line;
  if (via_shell) {
    line = args.back() + " " + util::go_quote(path);
  } else {
    if (!program_exists(sh, args[0])) {
      r.status = EditorOutcome::Status::NotFound;
      return r;
    }
    for (const auto& a : args) line += single_quoted(a) + " ";
    line += single_quoted(path);
  }
  sh.edit_request.reset();
  const bool saved = std::exchange(sh.editor_launch, at_prompt);
  r.exit_code = sh.run_subshell(line, Io{nullptr, &r.output, &r.output});
  sh.editor_launch = saved;
  if (sh.edit_request && r.exit_code == 0) r.status = EditorOutcome::Status::Interactive;
  else sh.edit_request.reset();
  return r;
}

void register_editors(CommandTable& t) {
  t["vi"] = {editor_program, "/usr/bin/vi"};
  t["vim"] = {editor_program, "/usr/bin/vim"};
  t["nano"] = {editor_program, "/usr/bin/nano"};
}

}  // namespace kt::term
