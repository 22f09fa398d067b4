# The README's commands.  CMake does the building; this file only strings
# the steps together so that a fresh Debian machine needs nothing by hand.
BUILD      ?= build
BUILD_ASAN ?= build-asan
BUILD_FUZZ ?= build-fuzz
# make fuzz: seconds per target, and which targets (default: every fuzz/*.c)
FUZZ_SECONDS ?= 30
FUZZ_TARGETS ?= $(basename $(notdir $(filter-out fuzz/common.c fuzz/replay.c,$(wildcard fuzz/*.c))))
DB         ?= out/demo.db
JOBS       ?= 2

.PHONY: all deps build build-asan build-fuzz check fuzz demo bench bench-events format clean

all: build

deps:
	@./scripts/install-deps

build: deps
	@cmake -S . -B $(BUILD) -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
	@cmake --build $(BUILD) -j $(JOBS)

build-asan: deps
	@cmake -S . -B $(BUILD_ASAN) -DCMAKE_BUILD_TYPE=Debug -DSTYR_SANITIZE=ON >/dev/null
	@cmake --build $(BUILD_ASAN) -j $(JOBS)

# The fuzz targets with libFuzzer: clang, instrumented, ASan+UBSan.
build-fuzz: deps
	@./scripts/install-deps fuzz
	@cmake -S . -B $(BUILD_FUZZ) -DCMAKE_C_COMPILER=clang -DCMAKE_BUILD_TYPE=RelWithDebInfo \
		-DSTYR_FUZZ=ON -DSTYR_TEST_PG=OFF >/dev/null
	@cmake --build $(BUILD_FUZZ) -j $(JOBS) --target fuzzers

# Each fuzz target for FUZZ_SECONDS; crashes go to fuzz/crashes/NAME/.
fuzz: build-fuzz
	@./scripts/fuzz $(BUILD_FUZZ) $(FUZZ_SECONDS) $(FUZZ_TARGETS)

# Every test twice: as built, and under ASan+UBSan.  ctest's summary closes.
check: build build-asan
	@echo "== tests, ASan+UBSan build"
	@cd $(BUILD_ASAN) && ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 \
		UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
		ctest --output-on-failure -j $(JOBS)
	@echo "== tests, release build"
	@cd $(BUILD) && ctest --output-on-failure -j $(JOBS)

demo: build
	@./scripts/demo $(BUILD)/styr $(DB)

bench: build
	@./bench/import $(BUILD)/styr
	@./bench/report $(BUILD)/styr
	@./bench/web $(BUILD)/styr
	@./bench/ledger $(BUILD)/styr
	@./bench/events/run $(BUILD)/styr

# The event engine against DuckDB and sqlite3 (SIZES="1000000 10000000 50000000").
bench-events: build
	@./bench/events/run $(BUILD)/styr

format:
	@clang-format -i $$(git ls-files '*.c' '*.h')

clean:
	rm -rf $(BUILD) $(BUILD_ASAN) $(BUILD_FUZZ) out
