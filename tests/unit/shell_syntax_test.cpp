// The shell's grammar and expansion, checked against what bash 5 prints for the
// same input: quoting, variables, substitutions, here-documents, loops, operators,
// syntax errors and the continuation prompt (needs_more).
#include <catch2/catch.hpp>

#include "tests/unit/shell_test_util.h"

using kt::testing::ShellFixture;

TEST_CASE("quotes, escapes and word splitting as bash does them", "[shell]") {
  ShellFixture f;
  CHECK(f.out("echo \"a  b\" 'c'\\ d") == "a  b c d\n");
  CHECK(f.out("echo 'it''s' \"a\\\"b\" \\$HOME") == "its a\"b $HOME\n");
  CHECK(f.out("echo \"a\\$b\" \"c\\\\d\" 'e\\f' \"g\\h\"") == "a$b c\\d e\\f g\\h\n");
  CHECK(f.out("x=\"a   b\"; echo $x; echo \"$x\"; for w in $x; do echo \"<$w>\"; done") == "a b\na   b\n<a>\n<b>\n");
  CHECK(f.out("echo ~ ~/x \"~\"") == "/root /root/x ~\n");
  CHECK(f.out("echo a # a comment") == "a\n");
}

TEST_CASE("variables, assignments, export and the environment", "[shell]") {
  ShellFixture f;
  CHECK(f.out("X=1; Y=\"$X 2\"; echo \"$Y\" ${Y} \"${Z:-def}\" ${#Y}") == "1 2 1 2 def 3\n");
  CHECK(f.out("echo ${UNSET-default} ${X2:=assigned}; echo $X2") == "default assigned\nassigned\n");
  CHECK(f.out("VAR=v env | grep ^VAR; echo \"[$VAR]\"") == "VAR=v\n[]\n");
  CHECK(f.out("export E=1; env | grep ^E=") == "E=1\n");
  CHECK(f.out("unset E; echo \"[$E]\"") == "[]\n");
  CHECK(f.out("export 1x=2").find("-bash: export: `1x=2': not a valid identifier\n") == 0);
  CHECK(f.out("echo $HOME $USER $HOSTNAME") == "/root root k8s-master\n");
  CHECK(f.out("echo ${a") == "-bash: unexpected EOF while looking for matching `}'\n-bash: syntax error: unexpected end of file\n");
}

TEST_CASE("parameter trimming, replacement and substrings", "[shell]") {
  ShellFixture f;
  CHECK(f.out("f=dir/x.tar.gz; echo \"${f%.gz}\" \"${f%%.*}\" \"${f#*/}\" \"${f##*.}\" \"${f/x/y}\" \"${f//a/A}\"") ==
        "dir/x.tar dir/x x.tar.gz gz dir/y.tar.gz dir/x.tAr.gz\n");
  CHECK(f.out("f=dir/x.tar.gz; echo \"${f:4}\" \"${f:4:3}\" \"${f: -2}\"") == "x.tar.gz x.t gz\n");
}

TEST_CASE("read: while-read loops over a file or a pipe", "[shell]") {
  ShellFixture f;
  f.out("printf 'alpha 3\\nbeta 1 x\\n' > data.txt");
  CHECK(f.out("while read a b; do echo \"[$a] [$b]\"; done < data.txt") == "[alpha] [3]\n[beta] [1 x]\n");
  CHECK(f.out("cat data.txt | while read -r line; do echo \"L:$line\"; done") == "L:alpha 3\nL:beta 1 x\n");
  CHECK(f.out("printf 'one\\ntwo' | while read l; do echo $l; done; echo end") == "one\nend\n");
  CHECK(f.code("read x") == 1);  // the terminal is not read
}

TEST_CASE("exit status: $?, &&, ||, !, pipelines", "[shell]") {
  ShellFixture f;
  CHECK(f.out("false; echo $?") == "1\n");
  CHECK(f.out("true && echo yes || echo no; false && echo yes || echo no") == "yes\nno\n");
  CHECK(f.out("! false; echo $?") == "0\n");
  CHECK(f.out("false | true; echo $?; true | false; echo $?") == "0\n1\n");
  auto r = f.shell.run("nosuchcmd");
  CHECK(r.output == "-bash: nosuchcmd: command not found\n");
  CHECK(r.exit_code == 127);
  CHECK(f.out("echo $?") == "127\n");
}

TEST_CASE("arrays, as seed 004's images.sh uses them", "[shell]") {
  ShellFixture f;
  CHECK(f.out("images=(\nkube-proxy:v1.20.9\npause:3.2\n)\nfor i in ${images[@]} ; do echo img/$i; done") ==
        "img/kube-proxy:v1.20.9\nimg/pause:3.2\n");
  CHECK(f.out("echo ${#images[@]} ${images[1]} $images") == "2 pause:3.2 kube-proxy:v1.20.9\n");
  CHECK(f.shell.needs_more("a=(1 2"));
}

TEST_CASE("functions, positional parameters, \"$@\", shift and return", "[shell]") {
  ShellFixture f;
  CHECK(f.out("printf 'echo \"$0 $# [$1] [$2]\"; shift; echo \"$1\"\\n' > s.sh; bash s.sh a \"b c\"; echo \"[$1]\"") ==
        "s.sh 2 [a] [b c]\nb c\n[]\n");
  CHECK(f.out("greet() { echo \"hi $1\"; return 3; echo never; }; greet bob; echo $?") == "hi bob\n3\n");
  CHECK(f.out("function two { echo two $#; }; two x y") == "two 2\n");
  CHECK(f.out("count() { for x in \"$@\"; do echo \"<$x>\"; done; }; count a \"b c\" \"\"; count") == "<a>\n<b c>\n<>\n");
  CHECK(f.out("a=(x \"y z\"); for i in \"${a[@]}\"; do echo \"[$i]\"; done") == "[x]\n[y z]\n");
  CHECK(f.out("f() {\n  v=set\n}\nf; echo $v") == "set\n");
  CHECK(f.shell.needs_more("f() {"));
}

TEST_CASE("command substitution, nested, with backquotes and arithmetic", "[shell]") {
  ShellFixture f;
  CHECK(f.out("echo $(echo x) `echo y $(echo z)`") == "x y z\n");
  CHECK(f.out("echo $(echo $(echo nested)); echo \"$(printf 'a\\nb')\"") == "nested\na\nb\n");
  CHECK(f.out("v=$(false); echo $?") == "1\n");
  CHECK(f.out("echo $((3*4+1)) $((10/3)) $((7%3)) $((2>1 && 0))") == "13 3 1 0\n");
  CHECK(f.out("x=1; x=$((x+1)); echo $x; ((x++)); echo $x; (( x > 5 )) || echo small") == "2\n3\nsmall\n");
  CHECK(f.out("echo {a,b} x{1..3}y \"{c,d}\"") == "a b x1y x2y x3y {c,d}\n");
}

TEST_CASE("redirections: > >> < 2> 2>&1 &> and /dev/null", "[shell]") {
  ShellFixture f;
  CHECK(f.out("echo one > f; echo two >> f; cat f; cat < f | wc -l") == "one\ntwo\n2\n");
  CHECK(f.out("ls nosuch 2>/dev/null; echo $?") == "2\n");
  CHECK(f.out("ls nosuch 2>&1 | wc -l") == "1\n");
  CHECK(f.out("ls nosuch 2>&1 >/dev/null | wc -l") == "1\n");
  CHECK(f.out("ls nosuch &> err.txt; cat err.txt") == "ls: cannot access 'nosuch': No such file or directory\n");
  CHECK(f.out("cat < missing") == "-bash: missing: No such file or directory\n");
  CHECK(f.out("echo x > /nodir/f") == "-bash: /nodir/f: No such file or directory\n");
  CHECK(f.out("tee out.txt <<< hello | cat; echo more | tee -a out.txt >/dev/null; cat out.txt") == "hello\nhello\nmore\n");
}

TEST_CASE("here-documents: expanded, quoted, <<- and into files", "[shell]") {
  ShellFixture f;
  CHECK(f.out("cat <<EOF\nx=$HOME `echo sub`\nEOF") == "x=/root sub\n");
  CHECK(f.out("cat <<'EOF'\nx=$HOME\nEOF") == "x=$HOME\n");
  CHECK(f.out("cat <<-EOF | grep b\n\ta\n\tb\n\tEOF") == "b\n");
  // Seed 004: cat <<EOF | sudo tee file
  CHECK(f.out("cat <<EOF | sudo tee /etc/modules-load.d/k8s.conf\noverlay\nbr_netfilter\nEOF") == "overlay\nbr_netfilter\n");
  CHECK(f.out("cat /etc/modules-load.d/k8s.conf") == "overlay\nbr_netfilter\n");
  // Seed 000: a manifest written with a here-document.
  CHECK(f.out("cat > deploy.yaml <<EOF\napiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nEOF") == "");
  CHECK(f.out("grep -c '' deploy.yaml; head -1 deploy.yaml") == "4\napiVersion: apps/v1\n");
}

TEST_CASE("loops and conditionals", "[shell]") {
  ShellFixture f;
  CHECK(f.out("for i in 0 1; do echo $i; done") == "0\n1\n");
  CHECK(f.out("for ((i=0;i<=2;i++)) do echo n$i; done") == "n0\nn1\nn2\n");
  CHECK(f.out("for ((i=5;i>3;i--)); do echo $i; done") == "5\n4\n");
  CHECK(f.out("for i in a b\ndo\n  for j in 1 2; do\n    echo $i$j\n  done\ndone") == "a1\na2\nb1\nb2\n");
  CHECK(f.out("i=0; while [ $i -lt 3 ]; do echo $i; i=$((i+1)); done") == "0\n1\n2\n");
  CHECK(f.out("for i in 1 2 3 4; do if [ $i -eq 2 ]; then continue; fi; if [ $i -eq 4 ]; then break; fi; echo $i; done") ==
        "1\n3\n");
  CHECK(f.out("if false; then echo a; elif true; then echo b; else echo c; fi") == "b\n");
  CHECK(f.out("(cd /tmp; X=in; pwd; exit 3); echo $? \"[$X]\"; pwd") == "/tmp\n3 []\n/root\n");
  CHECK(f.out("{ echo a; echo b; } | wc -l; (echo c; echo d) > g.out; cat g.out") == "2\nc\nd\n");
  CHECK(f.shell.needs_more("(echo a"));
  CHECK(f.out("touch a.txt b.txt; for f in *.txt; do echo \"file $f\"; done; echo *.nomatch") ==
        "file a.txt\nfile b.txt\n*.nomatch\n");
  auto r = f.shell.run("while true; do :; done");
  CHECK(r.output == "-bash: loop stopped after 10000 iterations (sandbox limit)\n");
  CHECK(r.exit_code == 1);
}

TEST_CASE("globbing against the host's files", "[shell]") {
  ShellFixture f;
  f.out("mkdir -p g/sub; cd g; touch a1 b2 abc .hidden sub/x.yaml");
  CHECK(f.out("echo a*; echo ?2; echo [ab]*; echo *c; echo [!a]*") == "a1 abc\nb2\na1 abc b2\nabc\nb2 sub\n");
  CHECK(f.out("echo *; echo .h*; echo sub/*.yaml; echo /root/g/s*") == "a1 abc b2 sub\n.hidden\nsub/x.yaml\n/root/g/sub\n");
  CHECK(f.out("echo 'a*' \"b*\" a\\*") == "a* b* a*\n");
  f.out("touch aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa");
  CHECK(f.out("echo *a*a*a*a*a*a*a*a*a*a*a*a*b") == "*a*a*a*a*a*a*a*a*a*a*a*a*b\n");
}

TEST_CASE("syntax errors use bash's words and status 2", "[shell]") {
  ShellFixture f;
  auto r = f.shell.run("echo a; ;");
  CHECK(r.output == "-bash: syntax error near unexpected token `;'\n");
  CHECK(r.exit_code == 2);
  CHECK(f.out("| echo x") == "-bash: syntax error near unexpected token `|'\n");
  CHECK(f.out("done") == "-bash: syntax error near unexpected token `done'\n");
  CHECK(f.out("if then fi") == "-bash: syntax error near unexpected token `then'\n");
  CHECK(f.out("for i in 1; do done") == "-bash: syntax error near unexpected token `done'\n");
  CHECK(f.out("{ }") == "-bash: syntax error near unexpected token `}'\n");
  CHECK(f.out("echo > ") == "-bash: syntax error near unexpected token `newline'\n");
  CHECK(f.out("echo ${}") == "-bash: ${}: bad substitution\n");
  CHECK(f.out("echo $(( 5 / 0 ))") == "-bash: division by 0 (error token is \"0\")\n");
  CHECK(f.out("echo $((2**3)) $((2*3**2))") == "8 18\n");
  CHECK(f.out("echo \"open") ==
        "-bash: unexpected EOF while looking for matching `\"'\n-bash: syntax error: unexpected end of file\n");
}

TEST_CASE("needs_more: unfinished input asks for another line", "[shell]") {
  ShellFixture f;
  for (const char* more : {"echo 'abc", "echo \"x", "cat <<EOF", "cat <<EOF\nline", "for i in 1 2; do", "for i in 1 2; do echo",
                           "echo a |", "true &&", "false ||", "echo a \\", "if true; then", "while true", "echo $(date",
                           "for ((i=0;i<3;i++)) do echo $i"})
    CHECK(f.shell.needs_more(more));
  for (const char* done : {"echo 'abc'", "cat <<EOF\nline\nEOF", "for i in 1 2; do echo $i; done", "echo a | cat", "",
                           "echo a; ;", "if true; then echo; fi"})
    CHECK_FALSE(f.shell.needs_more(done));
}

TEST_CASE("history is numbered like bash's", "[shell]") {
  ShellFixture f;
  f.out("echo one");
  f.out("cat <<EOF\nx\nEOF");
  CHECK(f.out("history") == "    1  echo one\n    2  cat <<EOF\nx\nEOF\n    3  history\n");
}
