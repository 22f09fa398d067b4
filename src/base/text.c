/* Text helpers shared by the number and period parsers. */
#include "base/text.h"

const char *const text_spaces[] = {" ",  "\t",       "\n",           "\r",           "\v",
                                   "\f", "\xc2\xa0", "\xe2\x80\xaf", "\xe2\x80\x89", NULL};
