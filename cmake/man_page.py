#!/usr/bin/env python3
"""Writes a man page (roff, gzip -9n) from a program's own --version and --help output, so that the
page lists exactly the options the program parses. With --commands, the program's help lists
commands ("Commands:" block) and each command's `PROGRAM COMMAND --help` becomes a subsection.

  man_page.py PROGRAM NAME SUMMARY OUT.1.gz [--commands] [--see-also PAGE...] [--date "Month YYYY"]
"""
import argparse
import gzip
import os
import re
import subprocess
import sys


# Every command takes these; the page says so once, in OPTIONS.
HELP_OPTIONS = ("-h, --help", "--help-all")


def run(program, *args):
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    env.pop("DISPLAY", None)
    env.pop("WAYLAND_DISPLAY", None)
    done = subprocess.run([program, *args], capture_output=True, text=True, env=env)
    if done.returncode != 0:
        sys.exit(f"man_page.py: '{program} {' '.join(args)}' failed ({done.returncode}): {done.stderr.strip()}")
    return done.stdout


def roff_text(text):
    text = text.replace("\\", "\\e").replace("-", "\\-")
    return "\\&" + text if text[:1] in (".", "'") else text


def bold_option(names):
    # "-e, --estimator <ID>" -> bold names, italic value
    out = []
    for part in names.split(", "):
        name, _, value = part.partition(" ")
        out.append("\\fB" + roff_text(name) + "\\fR" + (" \\fI" + roff_text(value) + "\\fR" if value else ""))
    return ", ".join(out)


def parse_help(text):
    """Qt's help: 'Usage: ...', description lines, then 'Options:' and 'Arguments:' blocks of
    '  names  description' entries whose descriptions wrap onto deeper-indented lines."""
    lines = text.rstrip("\n").split("\n")
    usage = lines[0].removeprefix("Usage: ").strip()
    description, blocks, block = [], {}, None
    for line in lines[1:]:
        if line in ("Options:", "Arguments:"):
            block = blocks.setdefault(line[:-1], [])
            continue
        if block is None:
            description.append(line)
            continue
        entry = re.match(r"^  (\S+(?: \S+)*?)(?: {2,}(\S.*))?$", line)
        if entry and not line.startswith("   "):
            block.append([entry.group(1), entry.group(2) or ""])
        elif line.strip() and block:
            block[-1][1] = (block[-1][1] + " " + line.strip()).strip()
    while description and not description[-1].strip():
        description.pop()
    return usage, description, blocks


def entries(block):
    return "".join(f".TP\n{bold_option(names)}\n{roff_text(text)}\n" for names, text in block)


def paragraphs(lines):
    out, in_list = [], False
    for line in lines:
        if not line.strip():
            out.append(".PP")
            in_list = False
        elif line.startswith("  "):  # an indented list ("Commands:"): one line each
            name, _, text = line.strip().partition(" ")
            out.append(f".TP\n\\fB{roff_text(name)}\\fR\n{roff_text(text.strip())}")
            in_list = True
        else:
            out.append((".PP\n" if in_list else "") + roff_text(line.strip()))
            in_list = False
    # A blank line left by the commands taken out of the description: one paragraph break.
    text = "\n".join(out)
    while ".PP\n.PP" in text:
        text = text.replace(".PP\n.PP", ".PP")
    return text + "\n"


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("program")
    ap.add_argument("name")
    ap.add_argument("summary")
    ap.add_argument("out")
    ap.add_argument("--commands", action="store_true")
    ap.add_argument("--see-also", nargs="*", default=[])
    ap.add_argument("--date", default="")
    a = ap.parse_args()

    version = run(a.program, "--version").strip()
    usage, description, blocks = parse_help(run(a.program, "--help"))
    command_lines = []
    if a.commands:
        at = description.index("Commands:")
        end = at + 1
        while end < len(description) and description[end].startswith("  "):
            end += 1
        command_lines = description[at + 1:end]
        description = description[:at] + description[end:]

    page = [f'.TH {a.name.upper()} 1 "{a.date}" "{version}" "User Commands"',
            ".SH NAME", f"{a.name} \\- {roff_text(a.summary)}",
            ".SH SYNOPSIS", roff_text(usage).replace(a.name.replace("-", "\\-"), f"\\fB{a.name.replace('-', chr(92) + '-')}\\fR", 1),
            ".SH DESCRIPTION", paragraphs(description).rstrip("\n")]
    if "Arguments" in blocks:
        page += [".SH ARGUMENTS", entries(blocks["Arguments"]).rstrip("\n")]
    if "Options" in blocks:
        page += [".SH OPTIONS", entries(blocks["Options"]).rstrip("\n")]
    if command_lines:
        page.append(".SH COMMANDS")
        for line in command_lines:
            command = line.split()[0]
            c_usage, c_description, c_blocks = parse_help(run(a.program, command, "--help"))
            page += [f'.SS "{roff_text(c_usage)}"', paragraphs(c_description).rstrip("\n")]
            c_blocks["Options"] = [e for e in c_blocks.get("Options", []) if e[0] not in HELP_OPTIONS]
            for title in ("Arguments", "Options"):
                if c_blocks.get(title):
                    page += [f".PP\n{title}:", entries(c_blocks[title]).rstrip("\n")]
    if a.see_also:
        page += [".SH SEE ALSO", ", ".join(f"\\fB{p.split('(')[0]}\\fR({p.split('(')[1]}" for p in a.see_also)]
    text = "\n".join(page) + "\n"
    with open(a.out, "wb") as raw:
        with gzip.GzipFile(filename="", mode="wb", compresslevel=9, fileobj=raw, mtime=0) as gz:
            gz.write(text.encode())


if __name__ == "__main__":
    main()
