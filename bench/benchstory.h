// SPDX-License-Identifier: MIT
#pragma once

// What the render and preview benchmarks share: timing with median and 95th
// percentile, and the 20,000-word story with 30 photos they measure.

#include "../tests/samplelibrary.h"

#include <QElapsedTimer>
#include <QSize>
#include <QList>
#include <QString>
#include <QStringList>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <functional>

namespace Bench {

using namespace Qt::StringLiterals;

struct Figures
{
    double median = 0;
    double p95 = 0;
    double max = 0;
    int runs = 0;
};

inline Figures figuresOf(QList<double> milliseconds)
{
    std::sort(milliseconds.begin(), milliseconds.end());
    const auto at = [&](double quantile) {
        return milliseconds.at(std::clamp(qsizetype(std::ceil(quantile * double(milliseconds.size()))) - 1, qsizetype(0),
                                          milliseconds.size() - 1));
    };
    return {at(0.5), at(0.95), milliseconds.constLast(), int(milliseconds.size())};
}

inline Figures measure(int runs, const std::function<void()> &work)
{
    work(); // warm caches and lazy initialisation
    QList<double> milliseconds;
    for (int i = 0; i < runs; ++i) {
        QElapsedTimer timer;
        timer.start();
        work();
        milliseconds << double(timer.nsecsElapsed()) / 1e6;
    }
    return figuresOf(milliseconds);
}

inline void print(const char *what, const Figures &figures)
{
    std::printf("%-52s median %8.2f ms   p95 %8.2f ms   max %8.2f ms   (%d runs)\n", what, figures.median, figures.p95,
                figures.max, figures.runs);
}

// A long story in the desk's style: quoted paragraphs, emphasis, links, a
// pull quote now and then, a table, and a photo every ten paragraphs.
inline QString longBody(int words, const QList<Photo> &photos, int *wordCount)
{
    static const QStringList vocabulary = QString::fromUtf8(
        "defense secretary hosted british counterpart today bilateral engagement pentagon discussed increased role "
        "britain nato countries taking toward securing peace ukraine dynamic security environment european allies "
        "leadership critical appreciate example chaired gathering contact group multinational coalition meets regularly "
        "security needs moment safeguarding continent imperative sustainable deterrence capabilities interoperability "
        "future spending largest increase cold war strengthen bond nations commitment process encouraged signs")
        .split(u' ');
    QString body;
    int written = 0;
    int paragraph = 0;
    quint32 seed = 20250306;
    auto next = [&seed] { return seed = seed * 1664525u + 1013904223u; };
    qsizetype photo = 0;
    while (written < words) {
        ++paragraph;
        QStringList sentence;
        const int length = 40 + int(next() % 40);
        for (int i = 0; i < length; ++i) {
            QString word = vocabulary.at(next() % vocabulary.size());
            if (i == 0)
                word[0] = word.at(0).toUpper();
            if (next() % 37 == 0)
                word = u"*"_s + word + u'*';
            if (next() % 91 == 0)
                word = u"[%1](https://www.defense.gov/News/)"_s.arg(word);
            sentence << word;
        }
        written += length;
        QString text = sentence.join(u' ');
        if (paragraph % 3 == 0)
            text = u"\""_s + text + u",\" Hegseth said."_s;
        if (paragraph % 29 == 0)
            body += u"> "_s + text + u"\n> — Pete Hegseth, Defense Secretary\n\n"_s;
        else
            body += text + u".\n\n"_s;
        if (paragraph == 50)
            body += u"| Country | Pledge |\n|:--|--:|\n| U.K. | 2.5 % |\n| U.S. | 3.4 % |\n\n"_s;
        if (paragraph % 10 == 0 && photo < photos.size())
            body += u"![](photo:%1)\n\n"_s.arg(photos.at(photo++).virin);
    }
    *wordCount = written;
    return body;
}

// The long story, created in library beside sample (whose first photo's
// image its thirty photos share). Empty with *error on failure.
inline std::optional<Story> createLongStory(Library *library, const Story &sample, QList<Photo> *storyPhotos, int *words,
                                            QString *error)
{
    // Thirty photos; they share the sample's first image (render never reads
    // image bytes).
    PhotoRepository photos(library);
    const Photo model = photos.photosOfStory(sample.id).constFirst();
    const QByteArray image = photos.image(model.imageHash)->data;
    StoryRepository stories(library);
    std::optional<Story> story = stories.create(Story{.headline = u"A Long Story With Thirty Photos"_s, .dek = u"For the benchmark."_s});
    if (!story) {
        *error = stories.errorString();
        return std::nullopt;
    }
    for (int i = 0; i < 30; ++i) {
        Photo photo = model;
        photo.virin = u"250306-D-PM193-1%1"_s.arg(i + 100);
        photo.caption = model.caption + u" Photo %1 of 30."_s.arg(i + 1);
        std::optional<Photo> added = photos.add(photo, image, u"image/jpeg"_s, QSize(), QByteArray());
        if (!added || !photos.attach(story->id, added->id)) {
            *error = photos.errorString();
            return std::nullopt;
        }
        *storyPhotos << *added;
    }
    story->body = longBody(20000, *storyPhotos, words);
    if (stories.save(*story) != StoryRepository::SaveResult::Saved) {
        *error = stories.errorString();
        return std::nullopt;
    }
    return story;
}

} // namespace Bench
