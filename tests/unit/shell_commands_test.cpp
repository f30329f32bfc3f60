// The text commands (grep, sed, awk, sort, uniq, cut, tr, head, tail, wc, base64,
// printf, echo): outputs and exit codes as GNU coreutils 9, grep 3, GNU sed 4 and
// gawk print them for the same input.
#include <catch2/catch.hpp>

#include "tests/unit/shell_test_util.h"

using kt::testing::ShellFixture;

namespace {

// data.txt and colon.txt in /root, as the differential runs against bash used.
ShellFixture& with_data(ShellFixture& f) {
  f.out("printf 'alpha 3\\nbeta 1\\ngamma 2\\nalpha 3\\nBeta 10\\n' > data.txt; printf 'a:b:c\\nd:e:f\\n' > colon.txt");
  return f;
}

}  // namespace

TEST_CASE("echo and printf", "[shell]") {
  ShellFixture f;
  CHECK(f.out("echo -e 'x\\ty\\n'; echo -n no; echo") == "x\ty\n\nno\n");
  CHECK(f.out("printf '%s=%s\\n' a 1 b") == "a=1\nb=\n");
  CHECK(f.out("printf '%03d|%.2f|%c\\n' 7 3.14159 xyz; printf '%%\\n'") == "007|3.14|x\n%\n");
  CHECK(f.out("printf '%5s|%-5s|\\n' ab cd; printf '%d %x\\n' 42 255") == "   ab|cd   |\n42 ff\n");
}

TEST_CASE("grep: flags, several files, exit codes", "[shell]") {
  ShellFixture f;
  with_data(f);
  CHECK(f.out("grep -c alpha data.txt; grep -n -i beta data.txt") == "2\n2:beta 1\n5:Beta 10\n");
  CHECK(f.out("grep -v a data.txt") == "");
  auto r = f.shell.run("grep zzz data.txt");
  CHECK(r.output == "");
  CHECK(r.exit_code == 1);
  CHECK(f.out("grep -w alpha data.txt colon.txt") == "data.txt:alpha 3\ndata.txt:alpha 3\n");
  CHECK(f.out("grep -o 'a.' data.txt | head -3") == "al\na \na \n");
  CHECK(f.out("grep -E 'al|ga' data.txt; grep 'al\\|ga' data.txt") == "alpha 3\ngamma 2\nalpha 3\nalpha 3\ngamma 2\nalpha 3\n");
  CHECK(f.out("grep -c a data.txt colon.txt; grep -l a data.txt colon.txt") == "data.txt:5\ncolon.txt:1\ndata.txt\ncolon.txt\n");
  CHECK(f.out("grep -q alpha data.txt && echo q") == "q\n");
  CHECK(f.out("grep -x 'beta 1' data.txt; grep -n -A1 alpha data.txt") == "beta 1\n1:alpha 3\n2-beta 1\n--\n4:alpha 3\n5-Beta 10\n");
  CHECK(f.out("grep -B1 gamma data.txt; grep -C1 -c beta data.txt") == "beta 1\ngamma 2\n1\n");
  r = f.shell.run("grep x nosuch");
  CHECK(r.output == "grep: nosuch: No such file or directory\n");
  CHECK(r.exit_code == 2);
}

TEST_CASE("sed: s with any delimiter, -n p, d, addresses, a/i, -i", "[shell]") {
  ShellFixture f;
  with_data(f);
  CHECK(f.out("sed 's/a/A/' colon.txt; sed 's/a/A/g' data.txt | head -1") == "A:b:c\nd:e:f\nAlphA 3\n");
  CHECK(f.out("sed -n '2p' data.txt; sed '2,4d' data.txt") == "beta 1\nalpha 3\nBeta 10\n");
  CHECK(f.out("sed -n '/beta/,$p' data.txt") == "beta 1\ngamma 2\nalpha 3\nBeta 10\n");
  CHECK(f.out("sed 's#a#/#2' colon.txt; sed -e 's/a/x/' -e 's/d/y/' colon.txt") == "a:b:c\nd:e:f\nx:b:c\ny:e:f\n");
  CHECK(f.out("sed -E 's/([a-z]+) ([0-9]+)/\\2 \\1/' data.txt | head -1; sed 's/\\([a-z]*\\) /[\\1]/' data.txt | head -1") ==
        "3 alpha\n[alpha]3\n");
  CHECK(f.out("sed '1i\\first' colon.txt; sed 'y/abc/xyz/' colon.txt; sed -n '$=' data.txt") ==
        "first\na:b:c\nd:e:f\nx:y:z\nd:e:f\n5\n");
  CHECK(f.out("sed '/alpha/!d;s/^/# /' data.txt") == "# alpha 3\n# alpha 3\n");
  CHECK(f.out("echo abc | sed 's/b*/X/g'; echo hello world | sed 's/o/0/2'") == "XaXcX\nhello w0rld\n");
  // Seed 002: append lines after line N, the text on backslash-continued lines.
  CHECK(f.out("sed -i '1 a \\\n  annotations: \\\n    lb: openelb' colon.txt; cat colon.txt") ==
        "a:b:c\n  annotations: \n    lb: openelb\nd:e:f\n");
  // Seed 004: comment out swap, switch SELinux to permissive.
  CHECK(f.out("sed -ri 's/.*swap.*/#&/' /etc/fstab; grep swap /etc/fstab") ==
        "#/dev/mapper/centos-swap swap                    swap    defaults        0 0\n");
  CHECK(f.out("sed -i 's/^SELINUX=enforcing$/SELINUX=permissive/' /etc/selinux/config; grep ^SELINUX= /etc/selinux/config") ==
        "SELINUX=permissive\n");
  CHECK(f.out("printf 'a:b:c\\nd:e:f\\n' > c2; sed -n '/a/{p}' c2; sed '1~2d' data.txt; sed '/alpha/,+1d' data.txt") ==
        "a:b:c\nbeta 1\nalpha 3\ngamma 2\n");
  CHECK(f.out("sed '1!G;h;$!d' c2; sed 'N;s/\\n/+/' c2; sed '$!N;P;D' c2") == "d:e:f\na:b:c\na:b:c+d:e:f\na:b:c\nd:e:f\n");
  auto r = f.shell.run("sed 's/x' data.txt");
  CHECK(r.output == "sed: -e expression #1, char 3: unterminated `s' command\n");
  CHECK(r.exit_code == 1);
  CHECK(f.out("sed k data.txt") == "sed: -e expression #1, char 1: unknown command: `k'\n");
  CHECK(f.out("sed p nosuch") == "sed: can't read nosuch: No such file or directory\n");
}

TEST_CASE("awk: fields, -F, NR/NF, patterns, BEGIN/END, printf, arrays", "[shell]") {
  ShellFixture f;
  with_data(f);
  CHECK(f.out("awk '{print $1}' colon.txt; awk -F: '{print $2, NF}' colon.txt") == "a:b:c\nd:e:f\nb 3\ne 3\n");
  CHECK(f.out("awk 'NR==2' data.txt; awk '$2 > 2 {print NR\": \"$0}' data.txt") == "beta 1\n1: alpha 3\n4: alpha 3\n5: Beta 10\n");
  CHECK(f.out("awk 'BEGIN{s=0} {s+=$2} END{print \"sum\", s, NR}' data.txt") == "sum 19 5\n");
  CHECK(f.out("awk '/alpha/ {c++} END {print c}' data.txt") == "2\n");
  CHECK(f.out("awk '{printf \"%-6s|%3d\\n\", $1, $2}' data.txt | head -2") == "alpha |  3\nbeta  |  1\n");
  CHECK(f.out("awk -F: -v OFS=- '{$1=$1; print}' colon.txt") == "a-b-c\nd-e-f\n");
  CHECK(f.out("awk '{a[$1]+=$2} END {for (k in a) print k, a[k]}' data.txt | sort") == "Beta 10\nalpha 6\nbeta 1\ngamma 2\n");
  CHECK(f.out("awk '{print toupper($1), substr($1, 2, 3), index($1, \"a\")}' data.txt | head -1") == "ALPHA lph 1\n");
  CHECK(f.out("awk '{gsub(/a/, \"4\"); print}' colon.txt; awk '{sub(/a/, \"[&]\", $1); print $1}' data.txt | head -1") ==
        "4:b:c\nd:e:f\n[a]lpha\n");
  CHECK(f.out("awk '$1 ~ /^a/ {print \"A:\" $0} NR==2 {next} $1 !~ /^a/ {print \"N:\" $0}' data.txt") ==
        "A:alpha 3\nN:gamma 2\nA:alpha 3\nN:Beta 10\n");
  CHECK(f.out("echo 5 | awk '{print $1 * 2, $1 / 2, $1 - 7, 2 ^ 3, $1 % 3}'") == "10 2.5 -2 8 2\n");
  CHECK(f.out("awk '{ print $1, ($2 > 2 ? \"big\" : \"small\") }' data.txt | tail -1") == "Beta big\n");
  CHECK(f.out("awk '{print $1 > \"out.txt\"} END {print \"done\"}' colon.txt; cat out.txt") == "done\na:b:c\nd:e:f\n");
  CHECK(f.out("printf '{print NR\": \"$1}\\n' > p.awk; awk -F: -f p.awk colon.txt") == "1: a\n2: d\n");
  CHECK(f.out("awk '{ n = split($0, parts, \":\"); print n, parts[1], parts[3] }' colon.txt") == "3 a c\n3 d f\n");
  CHECK(f.out("awk 'NR==1, NR==2 {print \"r:\" $0}' colon.txt; awk '/beta/,/gamma/' data.txt") ==
        "r:a:b:c\nr:d:e:f\nbeta 1\ngamma 2\n");
  CHECK(f.out("awk 'BEGIN { printf(\"%d items\\n\", 3); print 1e3, 0.1+0.2, 1/3, int(-3.9), -3 % 2 }'") ==
        "3 items\n1000 0.3 0.333333 -3 -1\n");
  CHECK(f.out("echo 'a b c' | awk '{ $5 = \"e\"; print; print NF }'") == "a b c  e\n5\n");
  auto r = f.shell.run("awk '{print $1' data.txt");
  CHECK(r.exit_code == 2);
}

TEST_CASE("sort, uniq, cut, tr, head, tail, wc, base64", "[shell]") {
  ShellFixture f;
  with_data(f);
  CHECK(f.out("sort data.txt") == "Beta 10\nalpha 3\nalpha 3\nbeta 1\ngamma 2\n");
  CHECK(f.out("sort -n -k2 data.txt") == "beta 1\ngamma 2\nalpha 3\nalpha 3\nBeta 10\n");
  CHECK(f.out("sort -k2 -n -r data.txt | head -2; sort -u data.txt | wc -l; sort -t: -k2 -r colon.txt") ==
        "Beta 10\nalpha 3\n4\nd:e:f\na:b:c\n");
  CHECK(f.out("sort -k1,1 -k2nr data.txt | head -3; sort -k2,2n -r data.txt | head -1") == "Beta 10\nalpha 3\nalpha 3\nbeta 1\n");
  CHECK(f.out("cut -d' ' -f1 --complement data.txt | head -1") == "3\n");
  CHECK(f.out("sort data.txt | uniq -c") == "      1 Beta 10\n      2 alpha 3\n      1 beta 1\n      1 gamma 2\n");
  CHECK(f.out("cut -d: -f1,3 colon.txt; cut -c1-3 data.txt | head -1; cut -d: -f2- colon.txt") == "a:c\nd:f\nalp\nb:c\ne:f\n");
  CHECK(f.out("echo a | tr a-z A-Z; echo hello | tr -d l; echo aaabbb | tr -s ab; echo 'a b' | tr ' ' '\\n'") ==
        "A\nheo\nab\na\nb\n");
  CHECK(f.out("head -n 2 data.txt; tail -n 2 data.txt; tail -n +5 data.txt; head -c 5 data.txt; echo") ==
        "alpha 3\nbeta 1\nalpha 3\nBeta 10\nBeta 10\nalpha\n");
  CHECK(f.out("head -n 1 data.txt colon.txt") == "==> data.txt <==\nalpha 3\n\n==> colon.txt <==\na:b:c\n");
  CHECK(f.out("wc data.txt; wc -l data.txt; wc -l < data.txt; wc -w data.txt colon.txt") ==
        " 5 10 39 data.txt\n5 data.txt\n5\n10 data.txt\n 2 colon.txt\n12 total\n");
  CHECK(f.out("cat data.txt | wc") == "      5      10      39\n");
  CHECK(f.out("seq 3; seq 2 4 | tr '\\n' ' '; seq -s, 1 2 7; seq 5 -1 4") == "1\n2\n3\n2 3 4 1,3,5,7\n5\n4\n");
  CHECK(f.out("echo hello | base64; echo aGVsbG8K | base64 -d; printf abc | base64 -w0; echo") == "aGVsbG8K\nhello\nYWJj\n");
}
