# Writes a C file holding one text file as a string: NAME[] and NAME_len.
# Used for data the binary must carry, such as the generic validation rules
# that styr init installs.
file(READ ${FILE} text)
string(REPLACE "\\" "\\\\" text "${text}")
string(REPLACE "\"" "\\\"" text "${text}")
string(REPLACE "\n" "\\n\"\n\"" text "${text}")
file(WRITE ${OUT} "/* generated from ${SOURCE}; do not edit */\n#include <stddef.h>\n"
     "const char ${NAME}[] = \"${text}\";\nconst size_t ${NAME}_len = sizeof(${NAME}) - 1;\n")
