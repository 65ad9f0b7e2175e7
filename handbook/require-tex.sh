#!/usr/bin/env bash
# Called by `make pdf`: say which Debian packages to install when the TeX tools, the
# xeCJK package or the Noto CJK font are missing, and fail, instead of a LaTeX error
# deep in a log.  Needs nothing but a shell.
set -u
missing=()
command -v xelatex >/dev/null || missing+=(texlive-xetex)
command -v latexmk >/dev/null || missing+=(latexmk)
if command -v kpsewhich >/dev/null; then
  kpsewhich xeCJK.sty >/dev/null || missing+=(texlive-lang-chinese)
  kpsewhich varwidth.sty >/dev/null || missing+=(texlive-latex-extra)
  kpsewhich qrcode.sty >/dev/null || missing+=(texlive-pictures)
  kpsewhich ulem.sty >/dev/null || missing+=(texlive-plain-generic)
fi
if command -v fc-list >/dev/null; then
  [ -n "$(fc-list ':family=Noto Serif CJK SC')" ] || missing+=(fonts-noto-cjk)
  [ -n "$(fc-list ':family=FreeSerif')" ] || missing+=(fonts-freefont-otf)
fi
if [ ${#missing[@]} -gt 0 ]; then
  echo "make pdf needs TeX Live with xelatex, latexmk and CJK fonts; missing: ${missing[*]}" >&2
  echo "install them with:  sudo apt-get install ${missing[*]}" >&2
  echo "(everything the PDF needs: texlive-xetex texlive-latex-extra texlive-lang-chinese" \
       "texlive-pictures texlive-plain-generic latexmk fonts-noto-cjk fonts-freefont-otf)" >&2
  exit 1
fi
