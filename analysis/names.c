/* Placeholder until the names rule lands in this session. */
#include "analysis/rules.h"

void cd_rule_names(const cd_doc *doc, const cd_options *opts, cd_result *out)
{
    (void)doc;
    (void)opts;
    (void)out;
}
