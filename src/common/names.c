// SPDX-License-Identifier: GPL-2.0-or-later
/* names: errno and signal names; see names.h. */
#include "config.h"

#include <errno.h>
#include <signal.h>
#include <stddef.h>

#include "names.h"

struct name {
	int value;
	const char *name;
};

#define N(x) { x, #x }

/* The errno values of Linux, in <asm-generic/errno*.h> order. */
static const struct name errnos[] = {
	N(EPERM), N(ENOENT), N(ESRCH), N(EINTR), N(EIO), N(ENXIO), N(E2BIG), N(ENOEXEC),
	N(EBADF), N(ECHILD), N(EAGAIN), N(ENOMEM), N(EACCES), N(EFAULT), N(ENOTBLK),
	N(EBUSY), N(EEXIST), N(EXDEV), N(ENODEV), N(ENOTDIR), N(EISDIR), N(EINVAL),
	N(ENFILE), N(EMFILE), N(ENOTTY), N(ETXTBSY), N(EFBIG), N(ENOSPC), N(ESPIPE),
	N(EROFS), N(EMLINK), N(EPIPE), N(EDOM), N(ERANGE), N(EDEADLK), N(ENAMETOOLONG),
	N(ENOLCK), N(ENOSYS), N(ENOTEMPTY), N(ELOOP), N(ENOMSG), N(EIDRM),
#ifdef ECHRNG
	N(ECHRNG), N(EL2NSYNC), N(EL3HLT), N(EL3RST), N(ELNRNG), N(EUNATCH), N(ENOCSI),
	N(EL2HLT), N(EBADE), N(EBADR), N(EXFULL), N(ENOANO), N(EBADRQC), N(EBADSLT),
	N(EBFONT),
#endif
	N(ENOSTR), N(ENODATA), N(ETIME), N(ENOSR),
#ifdef ENONET
	N(ENONET), N(ENOPKG), N(EREMOTE),
#endif
	N(ENOLINK),
#ifdef EADV
	N(EADV), N(ESRMNT), N(ECOMM),
#endif
	N(EPROTO), N(EMULTIHOP),
#ifdef EDOTDOT
	N(EDOTDOT),
#endif
	N(EBADMSG), N(EOVERFLOW),
#ifdef ENOTUNIQ
	N(ENOTUNIQ), N(EBADFD), N(EREMCHG), N(ELIBACC), N(ELIBBAD), N(ELIBSCN), N(ELIBMAX),
	N(ELIBEXEC),
#endif
	N(EILSEQ),
#ifdef ERESTART
	N(ERESTART), N(ESTRPIPE),
#endif
	N(EUSERS), N(ENOTSOCK), N(EDESTADDRREQ), N(EMSGSIZE), N(EPROTOTYPE), N(ENOPROTOOPT),
	N(EPROTONOSUPPORT), N(ESOCKTNOSUPPORT), N(EOPNOTSUPP), N(EPFNOSUPPORT),
	N(EAFNOSUPPORT), N(EADDRINUSE), N(EADDRNOTAVAIL), N(ENETDOWN), N(ENETUNREACH),
	N(ENETRESET), N(ECONNABORTED), N(ECONNRESET), N(ENOBUFS), N(EISCONN), N(ENOTCONN),
	N(ESHUTDOWN), N(ETOOMANYREFS), N(ETIMEDOUT), N(ECONNREFUSED), N(EHOSTDOWN),
	N(EHOSTUNREACH), N(EALREADY), N(EINPROGRESS), N(ESTALE),
#ifdef EUCLEAN
	N(EUCLEAN), N(ENOTNAM), N(ENAVAIL), N(EISNAM), N(EREMOTEIO),
#endif
	N(EDQUOT),
#ifdef ENOMEDIUM
	N(ENOMEDIUM), N(EMEDIUMTYPE),
#endif
	N(ECANCELED),
#ifdef ENOKEY
	N(ENOKEY), N(EKEYEXPIRED), N(EKEYREVOKED), N(EKEYREJECTED),
#endif
	N(EOWNERDEAD), N(ENOTRECOVERABLE),
#ifdef ERFKILL
	N(ERFKILL),
#endif
#ifdef EHWPOISON
	N(EHWPOISON),
#endif
};

static const struct name signals[] = {
	N(SIGHUP), N(SIGINT), N(SIGQUIT), N(SIGILL), N(SIGTRAP), N(SIGABRT), N(SIGBUS),
	N(SIGFPE), N(SIGKILL), N(SIGUSR1), N(SIGSEGV), N(SIGUSR2), N(SIGPIPE), N(SIGALRM),
	N(SIGTERM),
#ifdef SIGSTKFLT
	N(SIGSTKFLT),
#endif
	N(SIGCHLD), N(SIGCONT), N(SIGSTOP), N(SIGTSTP), N(SIGTTIN), N(SIGTTOU), N(SIGURG),
	N(SIGXCPU), N(SIGXFSZ), N(SIGVTALRM), N(SIGPROF), N(SIGWINCH), N(SIGIO),
#ifdef SIGPWR
	N(SIGPWR),
#endif
	N(SIGSYS),
};

static const char *lookup(const struct name *t, size_t n, int value)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (t[i].value == value)
			return t[i].name;
	return NULL;
}

const char *errno_name(int err)
{
	/* EAGAIN and EWOULDBLOCK, EDEADLK and EDEADLOCK share values on Linux;
	 * the table holds the first name only. */
	return lookup(errnos, sizeof(errnos) / sizeof(errnos[0]), err);
}

const char *signal_name(int sig)
{
	return lookup(signals, sizeof(signals) / sizeof(signals[0]), sig);
}
