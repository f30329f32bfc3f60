// How a script line types into a full-screen editor (`kubetab run` feeds the lines
// after `vi FILE`, `nano FILE` or `kubectl edit` to the editor until it exits).
//
// Text types itself. Keys a text line cannot hold are named in angle brackets:
//   <Esc> <Enter> (or <CR>) <Tab> <BS> <Del> <Up> <Down> <Left> <Right> <Home> <End>
//   <PgUp> <PgDn>, <C-a> … <C-z> (Ctrl+letter, any case), <lt> for a literal "<".
// Anything else in angle brackets is typed as it is. Each line ends with Enter,
// except a line that ends with a named key: `<Esc>` is Esc alone, `:wq` is ":wq"
// and Enter, `<C-x>` is Ctrl-X alone.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace kt::term {

// The keys of one script line, each a byte or a whole escape sequence, as
// Editor::key takes them.
std::vector<std::string> script_line_keys(std::string_view line);

}  // namespace kt::term
