# Writes a C file holding every migration as a string, in file-name order:
# NAME[] and COUNT (defaults: store_migrations, store_migration_count).
# Run once per backend dialect: migrations/ for SQLite, migrations-pg/ for
# PostgreSQL.
if(NOT NAME)
  set(NAME store_migrations)
endif()
if(NOT COUNT)
  set(COUNT store_migration_count)
endif()
set(body "/* generated from ${DIR}; do not edit */\n#include <stddef.h>\n")
set(table "const char *const ${NAME}[] = {\n")
set(i 0)
foreach(f ${FILES})
  file(READ ${f} sql)
  string(REPLACE "\\" "\\\\" sql "${sql}")
  string(REPLACE "\"" "\\\"" sql "${sql}")
  string(REPLACE "\n" "\\n\"\n\"" sql "${sql}")
  string(APPEND body "static const char m${i}[] = \"${sql}\";\n")
  string(APPEND table "\tm${i},\n")
  math(EXPR i "${i} + 1")
endforeach()
string(APPEND table "};\nconst size_t ${COUNT} = ${i};\n")
file(WRITE ${OUT} "${body}${table}")
