# SPDX-License-Identifier: GPL-3.0-or-later
# SPDX-FileCopyrightText: 2026 The benchrun authors
# tests/github.mk: --github, end to end and in process.  tests/fake_github
# stands in for the GitHub REST API on 127.0.0.1; tests/test_github runs
# the real benchrun against it (on tests/detect_base and detect_slow) and
# calls the pieces of reports/github/*.c directly.  It uses BR_DRIVER_LIBS
# and the test helpers from tests/local.mk.

EXTRA_DIST += tests/fixtures/github/pull_request.json

if ENABLE_TESTS
check_PROGRAMS += tests/fake_github tests/test_github
TESTS += tests/test_github
tests_fake_github_SOURCES = tests/fake_github.c
tests_fake_github_CFLAGS = $(AM_CFLAGS) $(JANSSON_CFLAGS)
tests_fake_github_LDADD = $(JANSSON_LIBS)
tests_test_github_SOURCES = tests/test_github.c
tests_test_github_CFLAGS = $(TEST_CFLAGS) $(CURL_CFLAGS)
tests_test_github_LDADD = tests/libtesthelpers.la $(BR_DRIVER_LIBS) \
	$(CURL_LIBS) $(TEST_LIBS)
CLEANFILES += tests/test_github.lock
endif
