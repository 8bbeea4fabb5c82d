// SPDX-License-Identifier: MIT
#include "syntaxrepository.h"

#include <KSyntaxHighlighting/Definition>
#include <KSyntaxHighlighting/Repository>

#include <QFuture>
#include <QFutureWatcher>
#include <QtConcurrent/QtConcurrentRun>

using namespace Qt::StringLiterals;

namespace {

// The preload's future; touched on the GUI thread only.
QFuture<void> &markdownPreload()
{
    static QFuture<void> future;
    return future;
}

} // namespace

KSyntaxHighlighting::Repository &syntaxRepository()
{
    static KSyntaxHighlighting::Repository repository;
    return repository;
}

void preloadMarkdownDefinition()
{
    if (markdownPreload().isValid())
        return;
    // The repository (and its themes, which the editor reads at once) is
    // made here, on the GUI thread; only the definition loads on the worker.
    KSyntaxHighlighting::Repository *repository = &syntaxRepository();
    markdownPreload() = QtConcurrent::run([repository] {
        // includedDefinitions() loads the definition and, recursively, every
        // one it includes: what highlighting the first line would load.
        (void)repository->definitionForName(u"Markdown"_s).includedDefinitions();
    });
}

KSyntaxHighlighting::Definition markdownDefinition()
{
    markdownPreload().waitForFinished();
    return syntaxRepository().definitionForName(u"Markdown"_s);
}

void whenMarkdownDefinitionReady(QObject *context, std::function<void()> then)
{
    if (!markdownPreload().isValid() || markdownPreload().isFinished()) {
        then();
        return;
    }
    auto *watcher = new QFutureWatcher<void>(context);
    QObject::connect(watcher, &QFutureWatcherBase::finished, context, [watcher, then = std::move(then)] {
        watcher->deleteLater();
        then();
    });
    watcher->setFuture(markdownPreload());
}
