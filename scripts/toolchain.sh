#!/usr/bin/env bash
# Installs what building flakebpf's BPF object needs: the nightly rust-src
# component and bpf-linker 0.13.0 linked against rustc's own LLVM 22.
# bpf-linker is cached outside the work tree ($FLAKEBPF_CACHE, default
# ~/.cache/flakebpf) so later runs on the same machine skip the build.
# Prints the directory to put on PATH as its last line.
set -euo pipefail
CACHE="${FLAKEBPF_CACHE:-$HOME/.cache/flakebpf}"
LINKER_VERSION=0.13.0
root="$CACHE/bpf-linker-$LINKER_VERSION"

if ! rustup component list --toolchain nightly --installed 2>/dev/null | grep -q '^rust-src'; then
  echo "toolchain: adding rust-src to nightly" >&2
  rustup component add rust-src --toolchain nightly >&2
fi

sysroot="$(rustc +nightly --print sysroot)"
llvm_so="$(ls "$sysroot"/lib/libLLVM.so.* 2>/dev/null | head -n1 || true)"
if [ -z "$llvm_so" ]; then
  echo "toolchain: no libLLVM.so in $sysroot/lib; the nightly toolchain is incomplete" >&2
  exit 3
fi

if [ ! -x "$root/bin/bpf-linker" ] || ! "$root/bin/bpf-linker" --version >/dev/null 2>&1; then
  echo "toolchain: building bpf-linker $LINKER_VERSION against $(basename "$llvm_so") (takes 1-4 min)" >&2
  mkdir -p "$root/llvmlib"
  ln -sf "$llvm_so" "$root/llvmlib/libLLVM.so"
  RUSTFLAGS="-L $root/llvmlib -C link-arg=-Wl,-rpath,$sysroot/lib" \
    cargo +nightly install bpf-linker --version "$LINKER_VERSION" --locked \
      --no-default-features --features llvm-22 --root "$root" >&2
fi
"$root/bin/bpf-linker" --version >&2
echo "$root/bin"
