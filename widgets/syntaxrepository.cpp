// SPDX-License-Identifier: MIT
#include "syntaxrepository.h"

#include <KSyntaxHighlighting/Repository>

KSyntaxHighlighting::Repository &syntaxRepository()
{
    static KSyntaxHighlighting::Repository repository;
    return repository;
}
