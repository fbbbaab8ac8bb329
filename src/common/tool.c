// SPDX-License-Identifier: GPL-2.0-or-later
/* tool: the running tool's identity; see tool.h. */
#include "config.h"

#include <errno.h>

#include "tool.h"

const char *tool_name = PACKAGE_NAME;

void tool_set_name(const char *name, char **argv)
{
	tool_name = name;
	argv[0] = (char *)name;
	program_invocation_name = (char *)name;
	program_invocation_short_name = (char *)name;
}

void tool_print_version(FILE *stream, struct argp_state *state)
{
	fprintf(stream, "%s (%s) %s\n", tool_name, PACKAGE_NAME, PACKAGE_VERSION);
	fputs("Copyright (C) 2026 the corebpf authors.\n"
	      "License GPL-2.0-or-later: GNU GPL version 2 or later <https://gnu.org/licenses/gpl.html>.\n"
	      "This is free software: you are free to change and redistribute it.\n"
	      "There is NO WARRANTY, to the extent permitted by law.\n", stream);
}
