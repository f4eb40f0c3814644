#!/bin/sh
# Makes the gzip fixtures with the system gzip (1.12 when they were recorded). Run once from
# this folder; the results are committed, so tests never depend on the local gzip's output.
set -eu
export LC_ALL=C
command -v gzip >/dev/null

# Plain content: a few KB of NDJSON-like lines, and a second, different part.
i=0
: > a.txt
while [ $i -lt 40 ]; do
  printf '{"user_id":"u%03d","email":"user%d@example.com","country":"DE","n":%d}\n' $i $i $((i * 7)) >> a.txt
  i=$((i + 1))
done
printf 'second member: \303\244\303\266\303\274 and no final newline' > b.txt

gzip -9 -n -c a.txt > single.gz                  # one member, no name, mtime 0
gzip -1 -n -c b.txt > b.gz
cat single.gz b.gz > multi.gz                     # two members: a.txt + b.txt
gzip -n -c < /dev/null > empty-member.gz          # a member with no content
cat single.gz empty-member.gz b.gz > multi-with-empty.gz
cp a.txt fname-source.txt
gzip -6 -c fname-source.txt > fname.gz            # FNAME and mtime in the header
rm fname-source.txt

size=$(wc -c < single.gz)
head -c $((size / 2)) single.gz > truncated-middle.gz
head -c $((size - 3)) single.gz > truncated-trailer.gz   # inside ISIZE
head -c 10 single.gz > header-only.gz

# Flip one byte of the CRC-32 (first trailer byte) and one of ISIZE (last byte).
flip() { # file offset
  printf "$(printf '\\%03o' $(( $(od -An -tu1 -j "$2" -N1 "$1") ^ 255 )))" |
    dd of="$1" bs=1 seek="$2" conv=notrunc 2>/dev/null
}
# Byte 10 starts the deflate data: 0xff there is a final block of the reserved type 3.
cp single.gz corrupt-data.gz
printf '\377' | dd of=corrupt-data.gz bs=1 seek=10 conv=notrunc 2>/dev/null
cp single.gz bad-crc.gz; flip bad-crc.gz $((size - 8))
cp single.gz bad-length.gz; flip bad-length.gz $((size - 1))

{ cat single.gz; printf 'garbage\n'; } > trailing-garbage.gz
{ cat single.gz; head -c 512 /dev/zero; } > trailing-zeros.gz
{ cat multi.gz; printf '\037'; } > trailing-magic-byte.gz
cp a.txt not-gzip.txt

rm b.gz
ls -l
